"""Local need: indicators by area (births, under-fives, OHID Fingertips measures) and their
imports. Values are kept against the area's GSS code, so figures for areas Cradle does not
know yet are never lost."""
