from anju.lib.fusion.cluster import Groups, resolve


def test_same_valid_number_is_one_person_from_the_start():
    groups = Groups(["A", None, "A"])
    assert groups.find(0) == groups.find(2) and groups.find(1) != groups.find(0)


def test_two_valid_numbers_never_join_even_through_a_third_record():
    # 0 (A) - 1 (no number) - 2 (B): the stronger pair wins, the weaker is refused
    groups = resolve(["A", None, "B"], [(0, 1, 0.99), (1, 2, 0.98)], threshold=0.5)
    labels = groups.labels()
    assert labels[0] == labels[1] and labels[2] != labels[1]
    assert groups.conflicts == 1


def test_pairs_below_threshold_are_not_used():
    groups = resolve([None, None, None], [(0, 1, 0.9), (1, 2, 0.4)], threshold=0.5)
    labels = groups.labels()
    assert labels[0] == labels[1] != labels[2]


def test_a_converted_15_digit_number_joins_the_checked_number_the_pair_points_to():
    # 0: registry (checked 18 digits A); 1: an old record whose 15-digit number had a typo (converted: B, weak)
    groups = resolve(["A", "B"], [(0, 1, 0.97)], threshold=0.5, weak=[False, True])
    assert groups.find(0) == groups.find(1)
    assert groups.anchor[groups.find(0)] == "A"  # the checked number names the person
    assert groups.conflicts == 0


def test_two_converted_numbers_never_join_and_a_checked_group_stays_closed_to_others():
    groups = resolve(["B", "C", "A", "D"], [(0, 1, 0.99), (2, 0, 0.98), (3, 2, 0.97)], threshold=0.5,
                     weak=[True, True, False, False])
    labels = groups.labels()
    assert labels[0] != labels[1]   # two unchecked numbers: nothing says which is right
    assert labels[0] == labels[2]   # the weak one joins the checked one
    assert labels[3] != labels[2]   # two checked numbers never join
    assert groups.anchor[labels[0]] == "A" and not groups.weak[labels[0]]
