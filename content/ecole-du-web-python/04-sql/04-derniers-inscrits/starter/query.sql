-- Les 5 adhérents inscrits le plus récemment, du plus récent au plus ancien.
-- Il manque le tri et la limite :
SELECT prenom, nom, date_inscription
FROM adherents;
