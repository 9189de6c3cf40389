"""Every rate the simulated city is built from, with its default and why.

Pure Python, no Django. A run's effective parameters are written to
``truth/params.json``; ``anju simulate city --params FILE.json`` overrides any
of them (nested keys, e.g. ``{"sources": {"door": {"id_missing": 0.2}}}``),
so fusion can be tried on harder or easier cities than the default without
touching the code. Unknown keys are refused, so a typo cannot pass silently.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime
from dataclasses import dataclass, field

DEFAULT_AS_OF = datetime.date(2026, 9, 30)  # fixed, so that runs are reproducible (never "today")

# What each source's address means. Fusion must be told this per feed (issue 7:
# "what its address means"); the files themselves do not say it.
SOURCE_MEANING = {
    "door": "home",         # 智能门禁: the card is bound to a building (and usually a room) at issue
    "lock": "home",         # 智能门锁 on rented rooms, accounts opened by the landlord's app
    "face": "workplace",    # face capture at site gates (construction sites, factories, parks)
    "employment": "workplace",  # employment / social insurance: the employer's address
    "hotel": "stay",        # 旅馆业 check-ins: the hotel's address
    "school": "school",     # school enrolment: the school's address; guardian's phone
    "utility": "property",  # water/power/gas accounts: the property, in the account holder's name
}
HOME_SOURCES = ("door", "lock")


@dataclass
class SourceParams:
    """Noise and volume of one feed. Identity noise is drawn once per *account* (a door
    card, a lock account, an employee record, a utility account) and repeated on every
    record of that account, as it is in real department data; hotel and school records are
    one account each."""

    records_mean: float = 6.0  # mean records per account over a full window of presence
    id_missing: float = 0.02   # no ID number at all
    id_digit: float = 0.01     # one digit typed wrong
    id_transpose: float = 0.005  # two adjacent digits swapped
    id_legacy15: float = 0.0   # the 15-digit pre-1999 form (only for people born 1900-1999)
    id_format: float = 0.005   # lower-case x, spaces or full-width digits: normalisable, not wrong
    name_homophone: float = 0.02  # one character replaced by another with the same pinyin
    name_traditional: float = 0.0  # written in traditional characters
    name_pinyin: float = 0.0   # written in pinyin ("ZHANG WEI", "Zhang Wei", "zhangwei")
    name_dropped: float = 0.005  # one given-name character dropped
    phone_missing: float = 0.1
    phone_wrong: float = 0.03  # a digit wrong, or someone else's number
    sex_missing: float = 0.2
    birth_missing: float = 0.5
    birth_wrong: float = 0.01  # day and month swapped, or one digit off
    address_standard: float = 0.6  # share of accounts that write the standard full address
    room_missing: float = 0.0  # home feeds: the record names the building only
    sex_style: str = "zh"      # "zh" 男/女, "code" 1/2, "mf" M/F


def _sources() -> dict[str, SourceParams]:
    return {
        # Door cards are issued from the registration system with the ID card read by a
        # reader, so identities are good; addresses come from device configuration.
        "door": SourceParams(records_mean=7, id_missing=0.04, id_digit=0.008, id_transpose=0.004,
                             name_homophone=0.02, name_pinyin=0.005, name_dropped=0.005,
                             phone_missing=0.15, phone_wrong=0.03, sex_missing=0.6, birth_missing=0.8,
                             address_standard=0.7, room_missing=0.15, sex_style="mf"),
        # Lock accounts are typed by landlords on a phone: often no ID, names in pinyin.
        "lock": SourceParams(records_mean=10, id_missing=0.5, id_digit=0.02, id_transpose=0.01,
                             name_homophone=0.06, name_pinyin=0.08, name_dropped=0.03,
                             phone_missing=0.03, phone_wrong=0.03, sex_missing=0.9, birth_missing=0.95,
                             address_standard=0.25, room_missing=0.05, sex_style="zh"),
        "face": SourceParams(records_mean=8, id_missing=0.06, id_digit=0.004, id_transpose=0.002,
                             name_homophone=0.02, name_dropped=0.005, phone_missing=0.7,
                             sex_missing=0.3, birth_missing=0.7, address_standard=0.5, sex_style="code"),
        "employment": SourceParams(records_mean=3, id_missing=0.01, id_digit=0.02, id_transpose=0.01,
                                   id_legacy15=0.02, name_homophone=0.03, name_traditional=0.003,
                                   name_dropped=0.005, phone_missing=0.1, phone_wrong=0.06,
                                   sex_missing=0.05, birth_missing=0.1, birth_wrong=0.01,
                                   address_standard=0.4, sex_style="code"),
        # ID-card readers at the front desk: near-perfect identities.
        "hotel": SourceParams(records_mean=1, id_missing=0.0, id_digit=0.002, id_transpose=0.001,
                              name_homophone=0.003, phone_missing=0.3, phone_wrong=0.02,
                              sex_missing=0.0, birth_missing=0.0, address_standard=0.8, sex_style="zh"),
        "school": SourceParams(records_mean=1, id_missing=0.02, id_digit=0.01, id_transpose=0.005,
                               name_homophone=0.02, phone_missing=0.05, phone_wrong=0.05,
                               sex_missing=0.0, birth_missing=0.0, birth_wrong=0.01,
                               address_standard=0.7, sex_style="zh"),
        # Old utility accounts: half without an ID, some with the 15-digit number.
        "utility": SourceParams(records_mean=3, id_missing=0.4, id_digit=0.02, id_transpose=0.01,
                                id_legacy15=0.06, name_homophone=0.03, name_traditional=0.01,
                                name_dropped=0.01, phone_missing=0.1, phone_wrong=0.1,
                                sex_missing=1.0, birth_missing=1.0, address_standard=0.5, sex_style="zh"),
    }


@dataclass
class AddressNoise:
    """How a non-standard address text is written (each applies independently)."""

    drop_province: float = 0.7     # 浙江省 left out
    drop_city: float = 0.5         # … and 杭州市 (only when the province is left out)
    drop_district: float = 0.3     # … and 西湖区 (only when the city is left out)
    drop_street: float = 0.6       # 文新街道 left out
    chinese_numerals: float = 0.12  # 三幢二单元五〇二室, 五百八十八号
    fullwidth_digits: float = 0.04  # ５８８号
    building_synonym: float = 0.45  # 幢 → 栋 / 号楼 / 座
    dash_form: float = 0.25        # 3-2-502, 3-502
    room_word_dropped: float = 0.2  # 502 instead of 502室
    typo: float = 0.06             # a road character replaced by a homophone, or 路 dropped
    spaces: float = 0.05           # spaces between parts


@dataclass
class Params:
    # ---- time
    window_days: int = 365          # observations cover (as_of - window_days, as_of]
    stale_quiet_days: int = 60      # "traces stopped" needs the last trace at least this long before as_of
    history_years: int = 2          # leavers left up to this long ago (annual clean-ups catch older ones)

    # ---- who lives here
    local_share: float = 0.45       # share of residents with a Hangzhou hukou (the rest are migrants)
    hmt_share: float = 0.003        # migrants holding a Hong Kong/Macau/Taiwan residence permit (81/82/83)
    local_away_from_hukou: float = 0.08  # locals living at another address of the district (人户分离)
    migrant_family_share: float = 0.45  # migrant households that are families (with or without children)
    group_rental_share: float = 0.35    # migrant single workers living in group rentals (群租)
    arrival_share: float = 0.12     # migrants who arrived within the window
    mover_share: float = 0.06       # households that moved inside the district within the window
    leavers_per_resident: float = 0.4   # people who lived here within history_years and left
    leaver_to_city: float = 0.35    # leavers who moved elsewhere in Hangzhou (the rest left the city)
    visitors_per_resident: float = 0.15  # hotel guests who do not live here
    commuters_per_resident: float = 0.08  # work here, live outside the district
    registry_decoys_per_resident: float = 0.2  # registry persons never seen here (other 张伟s)
    registry_missing: float = 0.01  # mainland persons missing from the registry extract

    # ---- housing
    compound_share: float = 0.6     # dwellings in apartment compounds (the rest: village rental houses)
    vacancy: float = 0.1            # vacant dwellings on top of the occupied ones
    door_compound: float = 0.6      # compound buildings with smart doors
    door_village: float = 0.85      # village rental houses with smart doors
    door_outside: float = 0.5       # homes elsewhere in Hangzhou on the same city door platform (seed 003)
    lock_village_room: float = 0.4  # village rooms with a smart lock
    lock_compound_rental: float = 0.1
    owner_lives_in_village_house: float = 0.5
    utility_tenant_name: float = 0.1  # rental accounts opened by a tenant (not the landlord)

    # ---- who holds what
    card_registered: float = 0.92   # door card for a registered adult in a door building
    card_unregistered: float = 0.6  # … for an unregistered one (landlords issue cards anyway)
    card_child: float = 0.15        # … for a child aged 10-15
    card_from_registration: float = 0.8  # cards that copy the registration's identity, typos included
    lock_account: float = 0.8       # lock account for an adult living in a lock room
    employed_migrant: float = 0.85
    employed_local: float = 0.55
    works_in_district: float = 0.45
    site_share: float = 0.3         # employers that are sites/factories with face gates
    hotel_stays_resident: float = 0.03  # residents' own hotel stays per year
    arrival_hotel: float = 0.3      # arrivals who spent their first nights in a hotel

    # ---- registrations on record
    reg_missing_resident: float = 0.18  # migrants living here, never registered
    reg_missing_arrival: float = 0.4
    reg_missing_local: float = 0.01
    child_unregistered: float = 0.2   # migrant children of registered parents left unregistered
    mover_not_updated: float = 0.5    # movers still registered at the old address only
    mover_old_not_cancelled: float = 0.15  # movers registered at both addresses
    leaver_not_cancelled: float = 0.65 # leavers whose registration is still active (zombies)
    leaver_never_registered: float = 0.15
    reg_typo: float = 0.03           # registrations with a mistyped ID number or name
    reg_text_only: float = 0.08      # registrations with free-text address and no address_code
    reg_history: float = 0.25        # people with an older, cancelled registration elsewhere
    reg_phone_outdated: float = 0.08

    # ---- watchlist
    watch_present_per_100k: float = 20  # wanted persons who appear in the city's records
    watch_absent_ratio: float = 10      # wanted persons elsewhere, per one present
    watch_legacy15: float = 0.1

    sources: dict[str, SourceParams] = field(default_factory=_sources)
    address: AddressNoise = field(default_factory=AddressNoise)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_overrides(cls, overrides: dict | None = None) -> "Params":
        params = cls()
        if overrides:
            _apply(params, overrides, "")
        params.validate()
        return params

    def validate(self) -> None:
        for name, value in _walk(self.to_dict(), ""):
            leaf = name.rsplit(".", 1)[-1]
            if isinstance(value, (int, float)) and value < 0:
                raise ValueError(f"{name} must not be negative, not {value}")
            if isinstance(value, float) and leaf not in _NOT_SHARES and value > 1.0:
                raise ValueError(f"{name} is a share between 0 and 1, not {value}")
        unknown = set(self.sources) - set(SOURCE_MEANING)
        if unknown:
            raise ValueError(f"unknown sources: {', '.join(sorted(unknown))}")
        if self.window_days < 30:
            raise ValueError("window_days must be at least 30")
        for name, sp in self.sources.items():
            if sp.sex_style not in ("zh", "code", "mf"):
                raise ValueError(f"sources.{name}.sex_style must be zh, code or mf")


# Float parameters that are counts or ratios, not shares.
_NOT_SHARES = {"records_mean", "leavers_per_resident", "visitors_per_resident", "commuters_per_resident",
               "registry_decoys_per_resident", "watch_present_per_100k", "watch_absent_ratio"}


def _walk(d: dict, prefix: str):
    for k, v in d.items():
        if isinstance(v, dict):
            yield from _walk(v, f"{prefix}{k}.")
        else:
            yield f"{prefix}{k}", v


def _apply(obj, overrides: dict, prefix: str) -> None:
    for key, value in overrides.items():
        path = f"{prefix}{key}"
        if isinstance(obj, dict):
            if key not in obj:
                raise ValueError(f"unknown parameter {path}")
            target = obj[key]
            if isinstance(value, dict):
                _apply(target, value, path + ".")
                continue
            raise ValueError(f"{path} needs a mapping")
        if not hasattr(obj, key) or key.startswith("_"):
            raise ValueError(f"unknown parameter {path}")
        current = getattr(obj, key)
        if dataclasses.is_dataclass(current) or isinstance(current, dict):
            if not isinstance(value, dict):
                raise ValueError(f"{path} needs a mapping")
            _apply(current, value, path + ".")
        else:
            if isinstance(current, bool) or not isinstance(value, (int, float, str)):
                raise ValueError(f"{path}: bad value {value!r}")
            if isinstance(current, (int, float)) and isinstance(value, str):
                raise ValueError(f"{path}: expected a number, got {value!r}")
            setattr(obj, key, type(current)(value) if isinstance(current, (int, float)) else value)


def copy_params(params: Params) -> Params:
    return copy.deepcopy(params)
