# sys.exit(0) while pytest imports the learner's module.
import sys

sys.exit(0)
