SELECT prenom, nom, date_inscription
FROM adherents
ORDER BY date_inscription DESC
LIMIT 5;
