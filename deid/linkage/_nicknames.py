"""Built-in table of English given names and their common nicknames.

Each group lists one formal given name first, then its usual short forms. Two given
names are equivalent when some group holds both: "Bill" and "Will" match "William" and
each other. A name may sit in several groups ("Pat" is short for Patricia and Patrick),
which is fine for linkage: every rule also needs a surname and a birth date or contact
point, so a loose given-name match alone never links anyone.

Names are written as they are typed; :func:`nickname_pairs` normalises them with the
same normaliser as the data.
"""

from __future__ import annotations

import polars as pl

from deid.linkage._normalise import normalise_name

NICKNAME_GROUPS: tuple[tuple[str, ...], ...] = (
    ("Abigail", "Abby", "Gail"),
    ("Alexander", "Alex", "Al", "Sandy", "Xander"),
    ("Alexandra", "Alex", "Alexa", "Sandra", "Sandy", "Lexi"),
    ("Alfred", "Al", "Alf", "Fred"),
    ("Allison", "Ally", "Allie"),
    ("Andrew", "Andy", "Drew"),
    ("Angela", "Angie"),
    ("Anthony", "Tony"),
    ("Barbara", "Barb", "Barbie", "Babs"),
    ("Benjamin", "Ben", "Benny", "Benji"),
    ("Bradley", "Brad"),
    ("Cameron", "Cam"),
    ("Catherine", "Cathy", "Cat", "Kate", "Katie", "Cate"),
    ("Charles", "Charlie", "Chuck", "Chas", "Chad"),
    ("Charlotte", "Charlie", "Lottie"),
    ("Christina", "Chris", "Tina", "Chrissy"),
    ("Christine", "Chris", "Chrissy", "Tina"),
    ("Christopher", "Chris", "Kit", "Topher"),
    ("Cynthia", "Cindy"),
    ("Daniel", "Dan", "Danny"),
    ("David", "Dave", "Davey"),
    ("Deborah", "Debbie", "Deb", "Debby"),
    ("Dennis", "Denny"),
    ("Donald", "Don", "Donny"),
    ("Dorothy", "Dot", "Dottie", "Dolly"),
    ("Douglas", "Doug"),
    ("Edward", "Ed", "Eddie", "Ted", "Ned"),
    ("Eleanor", "Ellie", "Nora", "Elle"),
    ("Elizabeth", "Liz", "Beth", "Betty", "Betsy", "Eliza", "Lizzie", "Libby", "Liza", "Bess"),
    ("Emily", "Em", "Emmy"),
    ("Eugene", "Gene"),
    ("Frances", "Fran", "Frannie"),
    ("Francis", "Frank", "Fran"),
    ("Frederick", "Fred", "Freddie", "Rick"),
    ("Gabriel", "Gabe"),
    ("Gerald", "Gerry", "Jerry"),
    ("Gregory", "Greg"),
    ("Harold", "Hal", "Harry"),
    ("Henry", "Hank", "Harry"),
    ("Jacob", "Jake"),
    ("James", "Jim", "Jimmy", "Jamie"),
    ("Jeffrey", "Jeff"),
    ("Jennifer", "Jen", "Jenny", "Jenn"),
    ("Jessica", "Jess", "Jessie"),
    ("John", "Jack", "Johnny", "Jon"),
    ("Jonathan", "Jon", "Johnny", "Nathan"),
    ("Joseph", "Joe", "Joey"),
    ("Joshua", "Josh"),
    ("Judith", "Judy"),
    ("Katherine", "Kathy", "Kate", "Katie", "Kat", "Kay", "Kitty"),
    ("Kathleen", "Kathy", "Kate", "Katie"),
    ("Kenneth", "Ken", "Kenny"),
    ("Kimberly", "Kim"),
    ("Lawrence", "Larry"),
    ("Leonard", "Len", "Lenny", "Leo"),
    ("Louis", "Lou"),
    ("Margaret", "Peggy", "Maggie", "Meg", "Marge", "Margie", "Greta"),
    ("Matthew", "Matt"),
    ("Michael", "Mike", "Mikey", "Mick"),
    ("Nicholas", "Nick", "Nicky"),
    ("Pamela", "Pam"),
    ("Patricia", "Pat", "Patty", "Tricia", "Trish"),
    ("Patrick", "Pat", "Paddy"),
    ("Peter", "Pete"),
    ("Philip", "Phil"),
    ("Phillip", "Phil"),
    ("Raymond", "Ray"),
    ("Rebecca", "Becky", "Becca"),
    ("Richard", "Rick", "Rich", "Dick", "Ricky", "Richie"),
    ("Robert", "Bob", "Rob", "Bobby", "Robbie", "Bert"),
    ("Ronald", "Ron", "Ronnie"),
    ("Samantha", "Sam", "Sammy"),
    ("Samuel", "Sam", "Sammy"),
    ("Stephanie", "Steph"),
    ("Stephen", "Steve"),
    ("Steven", "Steve"),
    ("Susan", "Sue", "Susie", "Suzy"),
    ("Theodore", "Ted", "Teddy", "Theo"),
    ("Thomas", "Tom", "Tommy"),
    ("Timothy", "Tim", "Timmy"),
    ("Victoria", "Vicky", "Tori", "Vickie"),
    ("Vincent", "Vince", "Vinny"),
    ("Virginia", "Ginny", "Ginger"),
    ("Walter", "Walt"),
    ("William", "Bill", "Will", "Billy", "Willie", "Liam"),
    ("Zachary", "Zach", "Zack"),
)


def nickname_pairs() -> pl.LazyFrame:
    """Return every ordered pair of distinct equivalent given names, normalised.

    Returns
    -------
    pl.LazyFrame
        Columns ``given_a`` and ``given_b`` (String), unique rows, both directions.

    Examples
    --------
    >>> pairs = nickname_pairs().collect()
    >>> pairs.filter(given_a="bill")["given_b"].sort().to_list()[:3]
    ['billy', 'liam', 'will']
    """
    group_of = pl.LazyFrame(
        {
            "group": [index for index, group in enumerate(NICKNAME_GROUPS) for _ in group],
            "given": [name for group in NICKNAME_GROUPS for name in group],
        }
    ).select("group", normalise_name(pl.col("given")).alias("given"))
    return (
        group_of.join(group_of, on="group", suffix="_b")
        .filter(pl.col("given") != pl.col("given_b"))
        .select(given_a="given", given_b="given_b")
        .unique()
        .sort("given_a", "given_b")
    )
