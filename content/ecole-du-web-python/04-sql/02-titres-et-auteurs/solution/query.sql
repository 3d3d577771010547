SELECT titre, auteur
FROM livres;
