"""Data fusion (数据比对精准补缺), the pure part: no Django here.

* ``normalise``: the forms of names, ID numbers, dates, sexes and phones that records are compared on;
* ``sources``: what each kind of feed is and what its address means (defaults by name);
* ``model``: the Splink model — comparisons built for Chinese records, blocking rules, training;
* ``cluster``: records into persons, never two valid ID numbers in one person;
* ``findings``: scored findings (unregistered, moved, stale) with their evidence.

The Django app ``anju.fusion`` loads the database into these and writes the results back.
"""
