# Returns a list that contains itself and a dict that contains itself and the list: a copy of the value
# that does not track what it already copied would never end.
def f(x):
    items = [x + 1]
    items.append(items)
    table = {"value": x + 1}
    table["self"] = table
    table["items"] = items
    items.append(table)
    return items
