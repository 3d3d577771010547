-- Base de données d'une médiathèque (données fictives, livres réels).
CREATE TABLE adherents (
    id INTEGER PRIMARY KEY,
    prenom TEXT NOT NULL,
    nom TEXT NOT NULL,
    ville TEXT NOT NULL,
    date_inscription TEXT NOT NULL  -- date au format AAAA-MM-JJ
);

CREATE TABLE livres (
    id INTEGER PRIMARY KEY,
    titre TEXT NOT NULL,
    auteur TEXT NOT NULL,
    annee INTEGER NOT NULL,
    genre TEXT NOT NULL
);

CREATE TABLE emprunts (
    id INTEGER PRIMARY KEY,
    adherent_id INTEGER NOT NULL REFERENCES adherents(id),
    livre_id INTEGER NOT NULL REFERENCES livres(id),
    date_emprunt TEXT NOT NULL,     -- date au format AAAA-MM-JJ
    date_retour TEXT                -- NULL tant que le livre n'est pas rendu
);

INSERT INTO adherents (id, prenom, nom, ville, date_inscription) VALUES
    (1, 'Awa', 'Diallo', 'Villeurbanne', '2021-09-14'),
    (2, 'Lucas', 'Martin', 'Lyon', '2019-03-02'),
    (3, 'Fatima', 'Benali', 'Vénissieux', '2022-01-20'),
    (4, 'Hugo', 'Bernard', 'Lyon', '2023-06-11'),
    (5, 'Chloé', 'Petit', 'Villeurbanne', '2020-10-05'),
    (6, 'Mamadou', 'Traoré', 'Bron', '2024-02-17'),
    (7, 'Léa', 'Dubois', 'Lyon', '2018-11-23'),
    (8, 'Karim', 'Haddad', 'Vénissieux', '2024-09-03'),
    (9, 'Emma', 'Moreau', 'Bron', '2022-05-30'),
    (10, 'Thomas', 'Nguyen', 'Villeurbanne', '2023-12-08'),
    (11, 'Inès', 'Garcia', 'Lyon', '2025-01-15'),
    (12, 'Julien', 'Lefèvre', 'Villeurbanne', '2021-04-27');

INSERT INTO livres (id, titre, auteur, annee, genre) VALUES
    (1, 'Les Misérables', 'Victor Hugo', 1862, 'roman'),
    (2, 'Madame Bovary', 'Gustave Flaubert', 1857, 'roman'),
    (3, 'Germinal', 'Émile Zola', 1885, 'roman'),
    (4, 'Les Trois Mousquetaires', 'Alexandre Dumas', 1844, 'roman'),
    (5, 'L''Étranger', 'Albert Camus', 1942, 'roman'),
    (6, 'Le Petit Prince', 'Antoine de Saint-Exupéry', 1943, 'jeunesse'),
    (7, 'Les Fleurs du mal', 'Charles Baudelaire', 1857, 'poésie'),
    (8, 'Alcools', 'Guillaume Apollinaire', 1913, 'poésie'),
    (9, 'Cyrano de Bergerac', 'Edmond Rostand', 1897, 'théâtre'),
    (10, 'Le Malade imaginaire', 'Molière', 1673, 'théâtre'),
    (11, 'Au revoir là-haut', 'Pierre Lemaitre', 2013, 'roman'),
    (12, 'Chanson douce', 'Leïla Slimani', 2016, 'roman'),
    (13, 'L''Anomalie', 'Hervé Le Tellier', 2020, 'roman'),
    (14, 'Astérix le Gaulois', 'René Goscinny et Albert Uderzo', 1961, 'bande dessinée'),
    (15, 'Persepolis', 'Marjane Satrapi', 2000, 'bande dessinée'),
    (16, 'L''Arabe du futur', 'Riad Sattouf', 2014, 'bande dessinée');

INSERT INTO emprunts (id, adherent_id, livre_id, date_emprunt, date_retour) VALUES
    (1, 1, 5, '2025-01-06', '2025-01-27'),
    (2, 1, 12, '2025-02-03', '2025-02-24'),
    (3, 2, 1, '2025-01-10', '2025-02-07'),
    (4, 3, 6, '2025-01-11', '2025-01-25'),
    (5, 3, 14, '2025-01-11', '2025-01-25'),
    (6, 4, 16, '2025-01-18', '2025-02-08'),
    (7, 5, 11, '2025-01-22', '2025-02-12'),
    (8, 5, 13, '2025-02-15', NULL),
    (9, 6, 6, '2025-02-01', '2025-02-15'),
    (10, 7, 3, '2025-02-04', '2025-03-01'),
    (11, 7, 7, '2025-02-04', '2025-03-01'),
    (12, 7, 9, '2025-03-05', NULL),
    (13, 8, 15, '2025-02-10', '2025-03-03'),
    (14, 9, 4, '2025-02-12', '2025-03-10'),
    (15, 9, 16, '2025-03-08', NULL),
    (16, 10, 12, '2025-03-01', NULL),
    (17, 12, 14, '2025-03-03', '2025-03-17'),
    (18, 2, 5, '2025-03-10', NULL);
