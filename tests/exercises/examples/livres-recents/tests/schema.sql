CREATE TABLE livres (id INTEGER PRIMARY KEY, titre TEXT NOT NULL, auteur TEXT, annee INTEGER);
INSERT INTO livres (titre, auteur, annee) VALUES
 ('Les Misérables', 'Victor Hugo', 1862),
 ('Chanson douce', 'Leïla Slimani', 2016),
 ('L''Élégance du hérisson', 'Muriel Barbery', 2006),
 ('Le Petit Prince', 'Antoine de Saint-Exupéry', 1943),
 ('Petit Pays', 'Gaël Faye', 2016),
 ('Vernon Subutex', 'Virginie Despentes', 2015);
