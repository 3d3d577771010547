SELECT genre, COUNT(*) AS nombre
FROM livres
GROUP BY genre;
