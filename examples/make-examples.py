#!/usr/bin/env python3
"""Write the 2024 example application sheet and its expected outcomes.

The sheet imitates what a district legal aid centre's clerk exports from
Excel after typing in the application forms of the 2024 Qijiang notice:
"CSV UTF-8" (BOM, CRLF) and the same sheet as a Chinese-locale
"CSV (逗号分隔)" export in GB18030. Every person, firm, ID number and phone
number is invented. A few rows carry the faults that such sheets really
have; FAULTS below lists each one with the outcome la-validate should give.

Standard library only, no network, deterministic: the same run writes the
same bytes.

Usage: python3 examples/make-examples.py [OUTDIR]
OUTDIR defaults to this script's folder and must contain rules-2024.json,
whose score weights give the expected scores.
"""

import csv
import datetime
import decimal
import io
import json
import os
import sys

HEADERS = [
    "姓名", "性别", "出生日期", "身份证号", "政治面貌", "学历", "人员类别",
    "执业年限", "取得执业资格日期", "刑事执业年限", "执业单位", "联系电话",
    "执业证号", "通讯地址", "注册地", "提供援助服务意向", "是否值班",
    "申请人执业经历", "奖惩情况", "最近处罚日期", "有效投诉次数", "准入考核",
    "准入考核成绩", "办案数量", "已办法律援助案件数", "不合格案件数",
    "公益活动次数", "熟练使用法律援助管理系统", "推荐意见", "提交材料",
    "申报时间", "备注",
]

# Years of practice are counted up to the close of the application window.
WINDOW_CLOSE = datetime.datetime(2024, 3, 20, 17, 0)
CUTOFF = WINDOW_CLOSE.date()

HUNDREDTH = decimal.Decimal("0.01")

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"

TOWNS = ["古南", "文龙", "三江", "通惠", "新盛", "东溪", "赶水", "打通",
         "石角", "永新", "隆盛", "篆塘", "丁山", "扶欢", "横山"]
OFFICE_TOWNS = ["郭扶", "三角", "中峰", "安稳", "永城"]
STREETS = ["古南街道", "文龙街道", "通惠街道", "三江街道", "新盛街道"]
ROADS = ["示例路", "样板街", "示范大道", "模拟巷", "虚构路"]
# Lawyers per law firm: 67 rows, two of them for the same person.
FIRM_SIZES = [7, 6, 6, 5, 5, 5, 4, 4, 4, 4, 4, 3, 3, 3, 4]
WORKERS_PER_OFFICE = 5

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林郑梁谢宋唐许韩冯邓曹"
    "彭曾萧田董潘袁蔡蒋余杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石"
    "金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万"
    "覃武钱戴严莫孔向常汤康易乔赖文")
MALE_GIVEN = ["伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚",
              "斌", "鹏", "飞", "浩然", "思远", "俊宏", "一鸣", "志强",
              "建国", "德胜", "永福", "宏伟", "国华", "建平", "志勇", "海波",
              "俊杰", "晓东", "博文", "宇航", "成刚", "光明", "绍华", "德明",
              "泽宇", "立新", "小兵", "永强", "建华", "正平", "家豪", "世杰"]
FEMALE_GIVEN = ["芳", "娜", "敏", "静", "丽", "艳", "霞", "丹", "婷", "琳",
                "颖", "蓉", "晓雯", "雨桐", "子涵", "嘉怡", "佳琪", "晨曦",
                "海燕", "红梅", "秀英", "玉兰", "桂芳", "丽娟", "文静", "春燕",
                "晓燕", "欣怡", "梦瑶", "雪梅", "红英", "小琴", "淑华", "美玲"]
POLITICAL = ["中共党员", "中共党员", "群众", "群众", "群众", "民盟盟员",
             "九三学社社员", "共青团员"]
LAWYER_EDU = ["本科", "本科", "本科", "硕士研究生", "法律硕士", "大专"]
WORKER_EDU = ["大专", "大专", "本科", "中专"]
AREAS = ["婚姻家庭", "合同纠纷", "劳动争议", "交通事故", "刑事辩护",
         "民间借贷", "房产纠纷", "行政诉讼", "人身损害赔偿", "工伤认定"]
SERVICES = ["刑事辩护", "民事代理", "行政代理", "劳动仲裁"]
SERVICE_SEPARATORS = ["、", "，", ";", "；", ","]
DOCUMENTS = ["申请表", "执业证复印件", "身份证复印件"]


class Random:
    """SplitMix64, so that the output does not depend on Python's random."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next64(self):
        mask = 0xFFFFFFFFFFFFFFFF
        self.state = (self.state + 0x9E3779B97F4A7C15) & mask
        z = self.state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & mask
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & mask
        return z ^ (z >> 31)

    def below(self, n):
        return self.next64() % n

    def between(self, low, high):
        """Return an integer in [low, high]."""
        return low + self.below(high - low + 1)

    def choice(self, items):
        return items[self.below(len(items))]

    def chance(self, percent):
        return self.below(100) < percent


def id_check_char(first17):
    total = sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS))
    return ID_CHECK[total % 11]


def make_id_number(region, birth, male, serial):
    """Build a GB 11643 ID number whose 17th digit is odd for men."""
    sequence = serial * 2 + (1 if male else 0)
    first17 = "%s%s%03d" % (region, birth.strftime("%Y%m%d"), sequence)
    return first17 + id_check_char(first17)


def completed_years(since, until):
    years = until.year - since.year
    if (until.month, until.day) < (since.month, since.day):
        years -= 1
    return years


def format_date(day, style):
    """Write a date as clerks type it: 0 ISO, 1 slashes, 2 年月日, 3 dots."""
    if style == 0:
        return day.strftime("%Y-%m-%d")
    if style == 1:
        return "%d/%d/%d" % (day.year, day.month, day.day)
    if style == 2:
        return "%d年%d月%d日" % (day.year, day.month, day.day)
    return "%d.%d.%d" % (day.year, day.month, day.day)


def format_time(moment, style):
    """Write a submission time. Style 1 is Excel's, as in 2024/3/18 9:30."""
    if style == 0:
        return moment.strftime("%Y-%m-%d %H:%M")
    if style == 1:
        return "%d/%d/%d %d:%02d" % (moment.year, moment.month, moment.day,
                                     moment.hour, moment.minute)
    return "%d年%d月%d日 %02d:%02d" % (moment.year, moment.month, moment.day,
                                       moment.hour, moment.minute)


def format_years(value):
    return ("%d" % value) if value == int(value) else ("%.1f" % value)


def format_services(chosen, rng):
    """Join services with one separator, or in the form's tick notation."""
    if rng.chance(20):
        return ";".join(s + ("∨" if s in chosen else "□") for s in SERVICES)
    ordered = [s for s in SERVICES if s in chosen]
    return rng.choice(SERVICE_SEPARATORS).join(ordered)


class Sheet:
    """Invented units and people, and the rows of the sheet."""

    def __init__(self, seed):
        self.rng = Random(seed)
        self.names = set()
        self.id_serials = set()
        self.phones = set()
        self.license_serials = set()
        self.rows = []

    def unique_name(self, male):
        rng = self.rng
        while True:
            name = rng.choice(SURNAMES) + \
                rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)
            if name not in self.names:
                self.names.add(name)
                return name

    def unique_phone(self):
        while True:
            phone = "1390000%04d" % self.rng.between(1, 9999)
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def unique_id_serial(self):
        while True:
            serial = self.rng.between(0, 499)
            if serial not in self.id_serials:
                self.id_serials.add(serial)
                return serial

    def unique_license_serial(self):
        while True:
            serial = self.rng.between(100, 99999)
            if serial not in self.license_serials:
                self.license_serials.add(serial)
                return serial

    def make_unit(self, name, town, index):
        rng = self.rng
        address = "重庆市綦江区%s%s%d号" % (rng.choice(STREETS),
                                         rng.choice(ROADS),
                                         rng.between(1, 180))
        day = rng.choice([15, 18, 19, 20])
        submitted = datetime.datetime(2024, 3, day, rng.between(9, 16),
                                      rng.between(0, 59))
        return {"name": name, "town": town, "address": address,
                "submitted": submitted, "time_style": index % 3,
                "registered": rng.choice(["綦江区", "綦江区", "重庆市綦江区",
                                          "綦江"])}

    def make_person(self, unit, lawyer):
        rng = self.rng
        if lawyer:
            licensed = datetime.date(rng.between(1996, 2021),
                                     rng.between(1, 12), rng.between(1, 28))
        else:
            licensed = datetime.date(rng.between(2000, 2022),
                                     rng.between(1, 12), rng.between(1, 28))
        male = rng.chance(60)
        birth = datetime.date(licensed.year - rng.between(23, 34),
                              rng.between(1, 12), rng.between(1, 28))
        region = "500110" if rng.chance(20) else "500222"
        person = {
            "name": self.unique_name(male),
            "male": male,
            "birth": birth,
            "id": make_id_number(region, birth, male,
                                 self.unique_id_serial()),
            "lawyer": lawyer,
            "licensed": licensed,
            "unit": unit,
            "phone": self.unique_phone(),
            "date_style": rng.below(4),
        }
        self.fill_practice(person)
        self.fill_record(person)
        return person

    def fill_practice(self, person):
        rng = self.rng
        years = completed_years(person["licensed"], CUTOFF)
        practice = float(years)
        # Some clerks write half years when the person is past the half.
        anniversary = person["licensed"].replace(year=CUTOFF.year)
        if anniversary <= CUTOFF and (CUTOFF - anniversary).days >= 183 \
                and rng.chance(30):
            practice += 0.5
        person["practice_years"] = practice

        if person["lawyer"]:
            kind = "2" if rng.chance(10) else "1"
            person["category"] = "兼职律师" if kind == "2" else \
                rng.choice(["律师", "律师", "专职律师"])
            person["license"] = "15002%04d%s%s%06d" % (
                person["licensed"].year, kind,
                "0" if person["male"] else "1",
                self.unique_license_serial())
            asks_criminal = practice >= 2 and rng.chance(60)
            if asks_criminal:
                criminal = float(rng.between(2, int(practice)))
            else:
                criminal = float(rng.between(0, min(int(practice), 1)))
            requested = {"民事代理"} if rng.chance(90) else {"行政代理"}
        else:
            person["category"] = "基层法律服务工作者"
            person["license"] = "35002%04d%05d" % (
                person["licensed"].year, self.unique_license_serial())
            asks_criminal = False
            criminal = 0.0
            requested = {"民事代理"}

        for service in ("行政代理", "劳动仲裁", "民事代理"):
            if rng.chance(45):
                requested.add(service)
        if asks_criminal:
            requested.add("刑事辩护")
        person["criminal_years"] = criminal
        person["services"] = requested

    def fill_record(self, person):
        rng = self.rng
        person["complaints"] = 0
        person["penalty"] = None
        person["rewards"] = "无"
        if rng.chance(20):
            person["rewards"] = rng.choice([
                "2022年度綦江区优秀律师" if person["lawyer"] else
                "2022年度优秀基层法律服务工作者",
                "2023年获评\"优秀法律援助工作者\"",
                "2021年度考核优秀，获区司法局通报表扬"])
        person["assessment"] = "通过"
        person["score"] = rng.between(62, 97)
        person["cases"] = rng.between(12, 160) if person["lawyer"] \
            else rng.between(8, 90)
        person["prior_aid"] = rng.between(0, 26)
        person["unqualified"] = 0
        person["activity"] = rng.between(0, 14)
        person["system"] = rng.choice(["是", "是", "是", "∨"])
        person["recommendation"] = rng.choice(["同意", "同意", "推荐", "是"])
        person["duty"] = rng.choice(["是", "是", "否", "∨"])
        order = list(DOCUMENTS)
        person["documents"] = rng.choice(["、", "，", ";"]).join(order)
        person["submitted"] = person["unit"]["submitted"]
        person["note"] = ""
        person["experience"] = self.experience_text(person)

    def experience_text(self, person):
        rng = self.rng
        areas = []
        while len(areas) < 2:
            area = rng.choice(AREAS)
            if area not in areas:
                areas.append(area)
        text = "%d年%d月起在%s执业，主要办理%s、%s案件。" % (
            person["licensed"].year, person["licensed"].month,
            person["unit"]["name"], areas[0], areas[1])
        if rng.chance(8):
            # A line break typed with Alt+Enter inside the cell.
            text += "\n曾代理多起群体性劳动争议案件。"
        elif rng.chance(8):
            text += "擅长调解, 代理过多起涉农纠纷。"
        return text

    def score(self, person, weights):
        """Return the selection score: per factor, points * min(value, cap)
        / cap rounded half up to hundredths, summed."""
        values = {
            "practice_years": person["practice_years"],
            "case_count": person["cases"],
            "assessment_score": person["score"],
            "prior_aid_cases": person["prior_aid"],
            "aid_activity": person["activity"],
        }
        total = decimal.Decimal(0)
        for factor, weight in weights.items():
            value = min(decimal.Decimal(str(values[factor])),
                        decimal.Decimal(weight["cap"]))
            part = decimal.Decimal(weight["points"]) * value / \
                decimal.Decimal(weight["cap"])
            total += part.quantize(HUNDREDTH, decimal.ROUND_HALF_UP)
        return total

    def row(self, person):
        unit = person["unit"]
        style = person["date_style"]
        penalty = person["penalty"]
        if isinstance(penalty, datetime.date):
            penalty = format_date(penalty, style)
        submitted = person["submitted"]
        if isinstance(submitted, datetime.datetime):
            submitted = format_time(submitted, unit["time_style"])
        return [
            person.get("name_text", person["name"]),
            "男" if person["male"] else "女",
            format_date(person["birth"], style),
            person["id"],
            person["political"],
            person["education"],
            person["category"],
            format_years(person["practice_years"]),
            format_date(person["licensed"], (style + 1) % 4),
            format_years(person["criminal_years"]),
            unit["name"],
            person["phone"],
            person["license"],
            person.get("address", unit["address"]),
            person.get("registered", unit["registered"]),
            person["services_text"],
            person["duty"],
            person["experience"],
            person["rewards"],
            penalty or "",
            str(person["complaints"]),
            person["assessment"],
            str(person["score"]),
            str(person["cases"]),
            str(person["prior_aid"]),
            str(person["unqualified"]),
            str(person["activity"]),
            person["system"],
            person["recommendation"],
            person["documents"],
            submitted,
            person["note"],
        ]


def build_people(sheet):
    """Make the units and their people in the order the clerk typed them."""
    people = []
    for index, size in enumerate(FIRM_SIZES):
        town = TOWNS[index]
        unit = sheet.make_unit("重庆%s示例律师事务所" % town, town, index)
        for _ in range(size):
            people.append(sheet.make_person(unit, True))
    for index, town in enumerate(OFFICE_TOWNS):
        unit = sheet.make_unit("綦江区%s示例法律服务所" % town, town,
                               index + 1)
        for _ in range(WORKERS_PER_OFFICE):
            people.append(sheet.make_person(unit, False))
    for person in people:
        rng = sheet.rng
        person["political"] = rng.choice(POLITICAL)
        person["education"] = rng.choice(
            LAWYER_EDU if person["lawyer"] else WORKER_EDU)
        person["services_text"] = format_services(person["services"], rng)
    return people


# Each fault: a key, the row it goes to (index among lawyers or legal
# workers), a description for the README, the expected status and rule ids.
FAULTS = [
    ("late_1705", "lawyer", 3,
     "申报时间 2024-03-20 17:05, after the 17:00 close",
     "late", ["window"]),
    ("in_time_1659", "lawyer", 8,
     "申报时间 2024-03-20 16:59, one minute before the close",
     "eligible", []),
    ("worker_criminal", "worker", 2,
     "legal worker asks for 刑事辩护 and 民事代理",
     "eligible", ["criminal_experience"]),
    ("criminal_short", "lawyer", 12,
     "刑事执业年限 1.5, asks for 刑事辩护 and 民事代理 (tick notation)",
     "eligible", ["criminal_experience"]),
    ("penalty_recent", "lawyer", 16,
     "最近处罚日期 2022-05-10, within 3 years of the close",
     "ineligible", ["discipline"]),
    ("penalty_boundary", "lawyer", 20,
     "最近处罚日期 2021-03-20, exactly 3 years before the close",
     "eligible", []),
    ("missing_id_copy", "worker", 7,
     "提交材料 lacks 身份证复印件",
     "ineligible", ["documents"]),
    ("bad_check_digit", "lawyer", 24,
     "身份证号 with a wrong check character",
     "ineligible", ["id_number"]),
    ("excel_license", "lawyer", 28,
     "执业证号 turned into 1.50022E+16 by Excel",
     "ineligible", ["license_no"]),
    ("fullwidth_phone", "lawyer", 31,
     "联系电话 typed in full-width digits",
     "eligible", ["review"]),
    ("outside_district", "lawyer", 35,
     "注册地 江津区, outside the district",
     "ineligible", ["district"]),
    ("upheld_complaint", "lawyer", 38,
     "有效投诉次数 1",
     "ineligible", ["discipline"]),
    ("assessment_failed", "worker", 12,
     "准入考核 未通过 (score 48)",
     "ineligible", ["assessment"]),
    ("unqualified_case", "lawyer", 41,
     "不合格案件数 1 of 6 prior legal aid cases",
     "ineligible", ["prior_cases"]),
    ("duplicate_first", "lawyer", 43,
     "first of two rows for the same person",
     "ineligible", ["duplicate"]),
    ("duplicate_second", "lawyer", 45,
     "same ID and licence number as the first row, sent again a day later",
     "ineligible", ["duplicate"]),
    ("impossible_date", "lawyer", 49,
     "最近处罚日期 2023-02-29, a day that does not exist",
     "ineligible", ["input"]),
    ("ideographic_space", "lawyer", 52,
     "姓名 padded with U+3000 on both sides",
     "eligible", []),
    ("too_new", "lawyer", 55,
     "licensed 2023-09-01, 执业年限 0.5, asks for civil and administrative",
     "ineligible", ["general_experience"]),
    ("criminal_only_short", "lawyer", 58,
     "asks for 刑事辩护 only with 刑事执业年限 1",
     "ineligible", ["criminal_experience"]),
    ("no_system", "lawyer", 60,
     "熟练使用法律援助管理系统 否",
     "ineligible", ["system"]),
    ("no_recommendation", "lawyer", 62,
     "推荐意见 left empty",
     "ineligible", ["recommendation"]),
    ("assessment_score_low", "lawyer", 64,
     "准入考核 empty and 准入考核成绩 55, below the pass mark 60",
     "ineligible", ["assessment"]),
    ("late_next_day", "lawyer", 65,
     "申报时间 2024-03-21 09:12, the next morning",
     "late", ["window"]),
    ("inner_space", "worker", 18,
     "two-character 姓名 with U+3000 inside, typed to align names",
     "eligible", ["review"]),
]


def apply_fault(sheet, key, person, people):
    """Change person so that it carries the fault named key."""
    if key == "late_1705":
        person["submitted"] = "2024-03-20 17:05"
        person["note"] = "下班前送达，材料齐全"
    elif key == "in_time_1659":
        person["submitted"] = "2024/3/20 16:59"
    elif key == "worker_criminal":
        person["services"] = {"刑事辩护", "民事代理"}
        person["services_text"] = "刑事辩护、民事代理"
    elif key == "criminal_short":
        person["criminal_years"] = 1.5
        person["services"] = {"刑事辩护", "民事代理"}
        person["services_text"] = "刑事辩护∨;民事代理∨;行政代理□;劳动仲裁□"
    elif key == "penalty_recent":
        person["penalty"] = datetime.date(2022, 5, 10)
        person["rewards"] = "2022年5月因违规收费受到区司法局警告处罚"
    elif key == "penalty_boundary":
        person["penalty"] = datetime.date(2021, 3, 20)
        person["rewards"] = "2021年3月20日受到市律师协会通报批评"
    elif key == "missing_id_copy":
        person["documents"] = "申请表、执业证复印件"
        person["note"] = "身份证复印件待补"
    elif key == "bad_check_digit":
        good = person["id"][17]
        person["id"] = person["id"][:17] + ID_CHECK[(ID_CHECK.index(good) + 3)
                                                    % 11]
    elif key == "excel_license":
        person["license"] = "1.50022E+16"
    elif key == "fullwidth_phone":
        person["phone"] = person["phone"].translate(
            {ord(d): ord(d) - ord("0") + 0xFF10 for d in "0123456789"})
    elif key == "outside_district":
        person["registered"] = "江津区"
        person["address"] = "重庆市江津区几江街道示例路8号"
        person["note"] = "在江津执业，户籍在綦江"
    elif key == "upheld_complaint":
        person["complaints"] = 1
    elif key == "assessment_failed":
        person["assessment"] = "未通过"
        person["score"] = 48
    elif key == "unqualified_case":
        person["prior_aid"] = 6
        person["unqualified"] = 1
    elif key == "duplicate_second":
        first = people_by_fault(people, "duplicate_first")
        keep = ("note", "submitted", "unit", "fault")
        for field, value in first.items():
            if field not in keep:
                person[field] = value
        person["unit"] = first["unit"]
        person["submitted"] = first["unit"]["submitted"] + \
            datetime.timedelta(days=1)
        if person["submitted"].day > 20:
            person["submitted"] -= datetime.timedelta(days=3)
        person["note"] = "重复报送"
    elif key == "impossible_date":
        person["penalty"] = "2023-02-29"
        person["rewards"] = "2023年2月受到行业惩戒"
    elif key == "ideographic_space":
        person["name_text"] = "\u3000" + person["name"] + "\u3000"
    elif key == "inner_space":
        if len(person["name"]) != 2:
            raise ValueError("inner_space needs a two-character name")
        person["name"] = person["name"][0] + "\u3000" + person["name"][1]
    elif key == "too_new":
        person["licensed"] = datetime.date(2023, 9, 1)
        person["practice_years"] = 0.5
        person["criminal_years"] = 0.0
        person["birth"] = person["birth"].replace(year=1998)
        person["id"] = make_id_number(person["id"][:6], person["birth"],
                                      person["male"],
                                      sheet.unique_id_serial())
        person["license"] = "15002" + "2023" + person["license"][9:]
        person["services"] = {"民事代理", "行政代理"}
        person["services_text"] = "民事代理、行政代理"
    elif key == "criminal_only_short":
        person["criminal_years"] = 1.0
        person["services"] = {"刑事辩护"}
        person["services_text"] = "刑事辩护"
    elif key == "no_system":
        person["system"] = "否"
    elif key == "no_recommendation":
        person["recommendation"] = ""
        person["note"] = "推荐意见栏未盖章"
    elif key == "assessment_score_low":
        person["assessment"] = ""
        person["score"] = 55
    elif key == "late_next_day":
        person["submitted"] = datetime.datetime(2024, 3, 21, 9, 12)
        person["note"] = "补报"


def people_by_fault(people, key):
    for person in people:
        if person.get("fault") == key:
            return person
    raise KeyError(key)


def apply_faults(sheet, people, weights):
    lawyers = [p for p in people if p["lawyer"]]
    workers = [p for p in people if not p["lawyer"]]
    for key, group, index, _, _, _ in FAULTS:
        person = (lawyers if group == "lawyer" else workers)[index]
        if "fault" in person:
            raise ValueError("two faults on one row: " + key)
        person["fault"] = key
    for key, group, index, _, _, _ in FAULTS:
        person = (lawyers if group == "lawyer" else workers)[index]
        if key != "duplicate_second":
            apply_fault(sheet, key, person, people)
    separate_scores(sheet, people, weights)
    # The second row copies the first, so the first must be final by now.
    person = people_by_fault(people, "duplicate_second")
    apply_fault(sheet, "duplicate_second", person, people)


def separate_scores(sheet, people, weights):
    """Redraw case counts until eligible people in a category differ in
    score by at least 0.01, so that the expected ranks have no ties."""
    eligible = [p for p in people if expected_status(p) == "eligible"
                and p.get("fault") != "duplicate_second"]
    for lawyer in (True, False):
        seen = set()
        for person in eligible:
            if person["lawyer"] != lawyer:
                continue
            while sheet.score(person, weights) in seen:
                person["cases"] = sheet.rng.between(12, 160)
            seen.add(sheet.score(person, weights))


def fault_entry(key):
    for entry in FAULTS:
        if entry[0] == key:
            return entry
    raise KeyError(key)


def expected_status(person):
    key = person.get("fault")
    return fault_entry(key)[4] if key else "eligible"


def expected_services(person):
    """Return the requested services the person qualifies for, whatever
    the status. Criminal defence needs a lawyer with 2 years of criminal
    practice, and the other services need 1 year since the licence."""
    services = set(person["services"])
    if not person["lawyer"] or person["criminal_years"] < 2:
        services.discard("刑事辩护")
    if completed_years(person["licensed"], CUTOFF) < 1:
        services = services & {"刑事辩护"}
    return [s for s in SERVICES if s in services]


def render_sheet(people, sheet):
    """Render the sheet as CSV with CRLF row ends.

    Sets person["line"] to the physical line where the person's row starts.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    line = 2
    for person in people:
        row = sheet.row(person)
        person["line"] = line
        line += 1 + sum(value.count("\n") for value in row)
        writer.writerow(row)
    # Excel writes rows that only ever had formatting as bare commas.
    writer.writerow([""] * len(HEADERS))
    return out.getvalue()


SERVICE_NAMES = {"刑事辩护": "criminal", "民事代理": "civil",
                 "行政代理": "administrative", "劳动仲裁": "labor_arbitration"}


def expected_rows(people, weights, sheet, quotas, waitlist):
    """Return the expected outcome of every row, ranked within category."""
    result = []
    for person in people:
        status = expected_status(person)
        score = sheet.score(person, weights)
        key = person.get("fault", "")
        result.append({
            "line": person["line"], "name": person["name"],
            "category": "lawyer" if person["lawyer"] else "legal_worker",
            "license_no": person["license"], "status": status,
            "eligible_services": ";".join(
                SERVICE_NAMES[s] for s in expected_services(person)),
            "rules": ";".join(fault_entry(key)[5]) if key else "",
            "score": score, "rank": "", "selection": "not_selected",
            "fault": key,
        })
    for category in ("lawyer", "legal_worker"):
        ranked = sorted((r for r in result if r["category"] == category
                         and r["status"] == "eligible"),
                        key=lambda r: -r["score"])
        for rank, entry in enumerate(ranked, 1):
            entry["rank"] = str(rank)
            if rank <= quotas[category]:
                entry["selection"] = "selected"
            elif rank <= quotas[category] + waitlist:
                entry["selection"] = "waitlist"
    return result


def write_expected(path, rows):
    columns = ["line", "name", "category", "license_no", "status",
               "eligible_services", "rules", "score", "rank", "selection",
               "fault"]
    with open(path, "w", encoding="utf-8", newline="") as fp:
        writer = csv.writer(fp, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            values = dict(row)
            values["score"] = str(row["score"])
            writer.writerow([values[c] for c in columns])


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(outdir, "rules-2024.json"), encoding="utf-8") as fp:
        rules = json.load(fp)
    selection = rules["selection"]
    weights = selection["weights"]

    sheet = Sheet(20240313)
    people = build_people(sheet)
    apply_faults(sheet, people, weights)
    text = render_sheet(people, sheet)

    with open(os.path.join(outdir, "applications-2024.csv"), "wb") as fp:
        fp.write(b"\xef\xbb\xbf" + text.encode("utf-8"))
    with open(os.path.join(outdir, "applications-2024-gbk.csv"), "wb") as fp:
        # Excel on Chinese Windows saves in code page 936; stay inside it.
        text.encode("gbk")
        fp.write(text.encode("gb18030"))
    quotas = {"lawyer": selection["quotas"]["lawyer"],
              "legal_worker": selection["quotas"]["legal_worker"]}
    rows = expected_rows(people, weights, sheet, quotas,
                         selection["waitlist"])
    write_expected(os.path.join(outdir, "expected-2024.csv"), rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
