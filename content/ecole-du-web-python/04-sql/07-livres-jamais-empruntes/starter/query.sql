-- Titre et auteur des livres qui n'ont jamais été empruntés.
-- Cette requête renvoie tous les livres : ne gardez que ceux sans emprunt.
SELECT titre, auteur
FROM livres;
