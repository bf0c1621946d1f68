# Lets the tests import ray_mind from this folder whatever directory pytest runs from.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
