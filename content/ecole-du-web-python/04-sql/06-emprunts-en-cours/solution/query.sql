SELECT adherents.prenom, adherents.nom, livres.titre, emprunts.date_emprunt
FROM emprunts
JOIN adherents ON adherents.id = emprunts.adherent_id
JOIN livres ON livres.id = emprunts.livre_id
WHERE emprunts.date_retour IS NULL;
