-- Prénom et nom des adhérents qui habitent à Lyon.
-- Cette requête renvoie tous les adhérents : ajoutez un filtre.
SELECT prenom, nom
FROM adherents;
