SELECT livres.titre, livres.auteur
FROM livres
LEFT JOIN emprunts ON emprunts.livre_id = livres.id
WHERE emprunts.id IS NULL;
