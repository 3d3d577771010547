# Prints what was read on the stolen channel.
print("READ ON THE STOLEN CHANNEL:", READ)
total = 30
