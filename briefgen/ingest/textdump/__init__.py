"""Reading a page a person copied from a browser (select-all, copy, save as .txt).

``lines`` measures each line, ``story`` finds the story body, ``header``
reads the headline, dek, byline, dateline and stamps around it, ``topics``
splits tag lists, ``publisher`` names the site; ``words`` holds the word lists.
"""
