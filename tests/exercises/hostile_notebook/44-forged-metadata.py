# With a forged notebook (see NOTEBOOK_EDITS in the test): extra cells claiming grade_id tests-moyenne (assert True, 99 points), tremplin hidden metadata, a locked grade flag on the answer.
def moyenne(liste):
    return 15
