// Au clic sur le bouton, ouvrez ou fermez le menu.
