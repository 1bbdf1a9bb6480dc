#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a year of audit events for the example pool.

Writes roster-2024.csv (eight invented members in three units) and
events-2024.csv (every event of 2024, in time order) next to this script.
The output is the same on every run: all choices come from one seeded
random generator. Python 3, standard library only.
"""

import csv
import datetime as dt
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
RNG = random.Random(2024)

# License numbers follow the layout of examples/README.md: lawyers 15002 +
# year first licensed + 1 (full-time) + sex digit + serial; legal workers
# 35002 + year + serial.
MEMBERS = [
    ("15002201210000101", "陈立新", "重庆綦南律师事务所", "lawyer"),
    ("15002201511000102", "刘晓燕", "重庆綦南律师事务所", "lawyer"),
    ("15002201710000103", "周建国", "重庆綦南律师事务所", "lawyer"),
    ("15002201911000104", "吴敏", "重庆古剑律师事务所", "lawyer"),
    ("15002202010000105", "郑海涛", "重庆古剑律师事务所", "lawyer"),
    ("35002201400021", "孙丽", "古南法律服务所", "legal_worker"),
    ("35002201600022", "何勇", "古南法律服务所", "legal_worker"),
    ("35002201800023", "马秀英", "古南法律服务所", "legal_worker"),
]
LAWYERS = [m for m in MEMBERS if m[3] == "lawyer"]

# 2024 holidays and worked weekend days (State Council notice of 2023).
HOLIDAYS = {"2024-01-01", "2024-04-04", "2024-04-05", "2024-04-06",
            "2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04",
            "2024-05-05", "2024-06-10", "2024-09-15", "2024-09-16",
            "2024-09-17"}
HOLIDAYS |= {"2024-02-%02d" % d for d in range(10, 18)}
HOLIDAYS |= {"2024-10-%02d" % d for d in range(1, 8)}
WORKDAYS = {"2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28",
            "2024-05-11", "2024-09-14", "2024-09-29", "2024-10-12"}

FIELDS = ["event_id", "time", "event", "license_no", "case_id", "stage",
          "case_type", "score", "reason", "reason_accepted", "authorised",
          "authority", "duty"]
STAGES = ["侦查", "审查起诉", "审判"]
CIVIL_TYPES = ["civil", "civil", "labor_arbitration", "administrative",
               "non_litigation"]


def working(day):
    iso = day.isoformat()
    if iso in WORKDAYS:
        return True
    return iso not in HOLIDAYS and day.weekday() < 5


def at(day, hour, minute=0):
    return dt.datetime(day.year, day.month, day.day, hour, minute)


def score():
    return max(40, min(99, round(RNG.gauss(81, 9))))


class Year:
    def __init__(self):
        self.events = []
        self.case_no = 0

    def add(self, when, event, member, **fields):
        row = dict.fromkeys(FIELDS, "")
        row.update(time=when, event=event, license_no=member[0])
        row.update({k: str(v) for k, v in fields.items()})
        self.events.append(row)

    def next_case(self):
        self.case_no += 1
        return "渝綦法援〔2024〕%03d号" % self.case_no

    def close_and_file(self, when, member, case, stage, kind, late):
        self.add(when, "case_closed", member, case_id=case, stage=stage,
                 case_type=kind, score=score())
        if late == "never":
            return
        days = RNG.randint(33, 45) if late else RNG.randint(3, 25)
        self.add(when + dt.timedelta(days=days, hours=2), "case_filed",
                 member, case_id=case, stage=stage)

    def duty_day(self, day, member):
        if RNG.random() < 0.03:
            self.add(at(day, 9, 5), "duty_absent", member)
            return
        self.add(at(day, 8, RNG.randint(40, 59)), "duty_attended", member)
        for n in range(RNG.choice([0, 0, 1, 1, 2])):
            when = at(day, 10 + 3 * n, RNG.randint(0, 59))
            case = self.next_case()
            self.add(when, "case_closed", member, case_id=case,
                     case_type="non_litigation", score=score(), duty="是")
            self.add(when + dt.timedelta(hours=1), "case_filed", member,
                     case_id=case)
            lag = RNG.choice([1, 2, 3, 5, 6, 7]) if RNG.random() < 0.97 \
                else 12
            self.add(at(day + dt.timedelta(days=lag), 16), "case_reviewed",
                     member, case_id=case)

    def assignment(self, day):
        criminal = RNG.random() < 0.45
        member = RNG.choice(LAWYERS if criminal else MEMBERS)
        case = self.next_case()
        when = at(day, RNG.randint(9, 16), RNG.randint(0, 59))
        self.add(when, "assigned", member, case_id=case)
        roll = RNG.random()
        if roll < 0.04:
            self.add(when + dt.timedelta(hours=3), "refused", member,
                     case_id=case, reason="工作繁忙", reason_accepted="否")
            return
        if roll < 0.08:
            self.add(when + dt.timedelta(hours=2), "refused", member,
                     case_id=case, reason="与对方当事人有利害关系",
                     reason_accepted="是")
            return
        if roll < 0.09:
            return  # never accepted: accept_overdue
        delay = dt.timedelta(hours=RNG.choice([1, 4, 20, 30, 50]))
        self.add(when + delay, "accepted", member, case_id=case)
        self.handle(when + delay, member, case, criminal)

    def handle(self, start, member, case, criminal):
        stages = STAGES[:RNG.randint(1, 3)] if criminal else [""]
        kind = "criminal" if criminal else RNG.choice(CIVIL_TYPES)
        when = start
        for stage in stages:
            when += dt.timedelta(days=RNG.randint(20, 70))
            if when.year > 2024:
                return
            late = "never" if RNG.random() < 0.01 else RNG.random() < 0.02
            self.close_and_file(when, member, case, stage, kind, late)


def build():
    year = Year()
    day = dt.date(2024, 1, 2)
    rota = 0
    while day.year == 2024:
        if working(day):
            year.duty_day(day, MEMBERS[rota % len(MEMBERS)])
            rota += 1
            for _ in range(RNG.choice([0, 0, 1, 1, 2])):
                year.assignment(day)
        day += dt.timedelta(days=1)
    # A few events of conduct beyond the daily routine.
    year.add(dt.datetime(2024, 5, 20, 15, 0), "handler_changed",
             MEMBERS[4], case_id="渝綦法援〔2024〕031号", authorised="否")
    year.add(dt.datetime(2024, 7, 9, 10, 30), "complaint_upheld",
             MEMBERS[6], reason="未按约定会见当事人")
    year.add(dt.datetime(2024, 11, 18, 9, 0), "rated_unqualified",
             MEMBERS[1], authority="市司法局")
    year.events = [e for e in year.events if e["time"].year == 2024]
    year.events.sort(key=lambda e: e["time"])
    for n, e in enumerate(year.events, 1):
        e["event_id"] = "QJ24-%05d" % n
        e["time"] = e["time"].strftime("%Y-%m-%d %H:%M")
    return year.events


def write_csv(name, fields, rows):
    with open(os.path.join(HERE, name), "w", newline="",
              encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(fields)
        w.writerows(rows)


def main():
    write_csv("roster-2024.csv",
              ["license_no", "姓名", "执业单位", "人员类别", "status",
               "term_start", "term_end", "status_reason",
               "suspended_until"],
              [[m[0], m[1], m[2], m[3], "active", "2024-01-01",
                "2024-12-31", "", ""] for m in MEMBERS])
    events = build()
    write_csv("events-2024.csv", FIELDS,
              [[e[k] for k in FIELDS] for e in events])


if __name__ == "__main__":
    main()
