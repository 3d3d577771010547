-- Affichez le titre et l'auteur de tous les livres.
-- Il manque une colonne :
SELECT titre
FROM livres;
