SELECT prenom, nom
FROM adherents
WHERE ville = 'Lyon';
