-- Prénom, nom, titre du livre et date d'emprunt des emprunts en cours.
-- Cette requête ne donne que des numéros : reliez les tables adherents et livres.
SELECT adherent_id, livre_id
FROM emprunts
WHERE date_retour IS NULL;
