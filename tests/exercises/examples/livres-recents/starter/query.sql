-- Votre requête
SELECT titre FROM livres;
