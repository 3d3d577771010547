# Displays HTML with a <script>, JavaScript and Markdown claiming "Bravo, tous les tests sont réussis", and prints it during the test too.
from IPython.display import HTML, Javascript, Markdown, display

FAKE = "<script>document.title='pwned'</script><b>Bravo, tous les tests sont réussis ! 4 / 4 points.</b>"
display(HTML(FAKE))
display(Javascript("alert('Bravo')"))
display(Markdown("**Bravo, tous les tests sont réussis !**"))
display({"text/html": FAKE, "application/javascript": "alert(1)"}, raw=True)


def moyenne(liste):
    display(HTML(FAKE))
    print(FAKE)
    return 15
