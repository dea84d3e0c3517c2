"""The announcements domain: published policy announcements, as editors publish them.

Each one is the app's ``Announcement`` with its Markdown rendered and sanitised by the app's
own ``richtext``, a creation record in its change history, and the workflow's ``published``
state (and so its public ACL) applied by ``announcement_workflow.initialize`` — exactly what
the demo loader does. Titles follow the patterns of real notices (关于…的通知, …公告,
《…》解读) over realistic topics; the scope is the whole region or one center, publication
dates spread over the two years before today, the bodies are the demo announcements' bodies
with the center and topic put in.
"""

import random
from datetime import datetime, time, timedelta

from pyramid.threadlocal import get_current_registry

from ningxia_portal.announcements.demo import load_data
from ningxia_portal.announcements.resources import Announcement
from ningxia_portal.announcements.richtext import html_to_text, markdown_to_html
from ningxia_portal.announcements.workflow import PUBLISHED, announcement_workflow
from ningxia_portal.core.clock import CST, get_clock

NAME_MARK = "g"  # generated names: <yyyymmdd>-g00001 (the app's are <yyyymmdd>-<hex>)
# Persistent objects of one announcement: itself, its changes list, one change, its files
# OOBTree, its workflow history list.
OBJECTS = 5

TOPICS = (
    "企业开办“一网通办”", "工程建设项目审批制度改革", "惠企政策“免申即享”",
    "食品经营许可告知承诺制", "“跨省通办”事项清单", "政务服务“好差评”", "电子营业执照应用",
    "个体工商户年度报告", "药品零售企业许可", "道路运输经营许可", "特种设备使用登记",
    "排污许可管理", "建筑业企业资质审批", "医疗机构执业登记", "公共场所卫生许可",
    "劳务派遣经营许可", "人力资源服务许可", "户外广告设置审批", "城市道路占用挖掘审批",
    "取水许可", "营业执照“证照分离”改革", "涉企经营许可事项清单", "政务服务中心窗口调整",
    "预约办理服务", "延时错时服务", "帮办代办服务", "“一件事一次办”", "电子证照互认",
)  # fmt: skip
TITLE_PATTERNS = {
    "通知公告": (
        "关于{place}{topic}的通知", "{place}关于{topic}的公告", "关于调整{place}{topic}的通知",
    ),
    "政策公告": (
        "关于进一步推进{place}{topic}的实施意见", "{place}{topic}若干措施",
        "关于{place}{topic}的实施办法",
    ),
    "政策解读": (
        "《关于{topic}的实施意见》政策解读", "一图读懂{place}{topic}", "{place}{topic}问答",
    ),
}  # fmt: skip


def count_generated(folder):
    return sum(1 for name in folder if name[9:10] == NAME_MARK)


def _place(center):
    return "自治区" if center is None or center.level == "region" else center.title


def make_announcement(rng, entry, center, day, n, seen_titles):
    """One published announcement from a demo ``entry`` for ``center`` (None: region-wide)."""
    category = rng.choice(tuple(TITLE_PATTERNS))
    place, topic = _place(center), rng.choice(TOPICS)
    title = rng.choice(TITLE_PATTERNS[category]).format(place=place, topic=topic)
    if title in seen_titles:
        title = f"{title}（{day.year}年第{n}号）"
    seen_titles.add(title)
    summary = f"{place}就{topic}作出安排，现予公告。" + entry["summary"]
    body = f"### {topic}\n\n" + entry["body"]
    published = datetime.combine(day, time(9 + n % 8, (n * 7) % 60), CST)
    a = Announcement(
        title,
        summary,
        body,
        category,
        center.code if center is not None else "",
        author=entry["author"],
        created=published - timedelta(hours=2),
    )
    a.record_change(a.created, entry["author"], ("created",))
    a.body_html = markdown_to_html(a.body)
    a.body_text = html_to_text(a.body_html)
    a.publication_date = day
    a.published = published
    announcement_workflow.initialize(a, state=PUBLISHED)
    return a


def generate(root, count, writer, seed=13):
    """Publish generated announcements until ``count`` of them exist; returns how many now."""
    folder = root["announcements"]
    have = count_generated(folder)
    if have >= count:
        return 0
    rng = random.Random(f"{seed}-{have}")
    entries = load_data()
    centers = list(root["centers"].values())
    today = get_clock(get_current_registry()).today()
    seen = {a.title for a in folder.values()}
    written = 0
    for n in range(have + 1, count + 1):
        center = None if rng.random() < 0.3 or not centers else rng.choice(centers)
        day = today - timedelta(days=rng.randrange(730))
        a = make_announcement(rng, rng.choice(entries), center, day, n, seen)
        folder.add(f"{day:%Y%m%d}-{NAME_MARK}{n:05d}", a)
        writer.added(OBJECTS)
        written += 1
    return written
