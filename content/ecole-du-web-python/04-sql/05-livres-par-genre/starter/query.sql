-- Pour chaque genre, le nombre de livres.
-- Cette requête renvoie une ligne par livre : regroupez et comptez.
SELECT genre
FROM livres;
