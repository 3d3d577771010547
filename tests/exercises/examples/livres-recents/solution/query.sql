SELECT titre, annee FROM livres WHERE annee > 2000 ORDER BY annee DESC;
