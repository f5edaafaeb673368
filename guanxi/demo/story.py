"""The demo's story: the hand-written ties and the deals, by reference "org:key".

"ht:hr" is our HR director (guanxi.demo.catalog.OWN_STAFF keys), "dfb:ceo" Dongfang Bank's
President, "dfb:cio.d0" the CIO's first department director (guanxi.demo.orgchart keys),
"lx:am1" an account director of the competitor Lanxin. Day counts are days before `today`.

What a visitor should find:
- Dongfang Bank: the President is a plan target (our closeness is low); the best path goes
  through the general-office director, who influences him, or through our HR director, his
  university classmate. Lanxin is closer to the retail VP who approves the mobile deal.
- Jiangnan Power Grid: our strongest account (the CEO's and a delivery manager's ties).
- Tianyu Telecom: Lanxin is much closer to the CTO, the decision maker of the big billing deal;
  our delivery manager is close to the CIO.
- Renhe Hospital Group: Huarui owns the relationships; we lost the imaging deal.
- Sutong Logistics: most of our relationships belonged to Zhou Peng, who has left.
"""

from __future__ import annotations

#: Relationships written by hand: (a, b, strength, since days ago, notes).
STORY_TIES: tuple[tuple[str, str, int, int, str], ...] = (
    ("ht:hr", "dfb:ceo", 25, 3650,
     "University classmates, out of touch for years — worth reconnecting 大学同学，多年未联系"),
    ("ht:kam1", "dfb:ceo", 15, 300, "Met twice at formal meetings 正式场合见过两次"),
    ("ht:kam1", "dfb:office", 50, 200, "Regular lunches since the spring 春天以来常一起午餐"),
    ("ht:rd", "dfb:cio", 70, 2000, "Former colleagues at a software vendor 曾是同事"),
    ("ht:dm2", "dfb:cio.d0", 65, 420, "Runs the data-centre project with him 共同负责数据中心项目"),
    ("ht:fin", "dfb:cfo", 55, 900, "Both in the city's CFO association 同属财务总监协会"),
    ("ht:rep1", "dfb:vp_retail", 30, 150, "Polite but distant 客气但疏远"),
    ("ht:kam1", "jng:ceo", 80, 1200, "Trusted advisor for five years 五年的信任"),
    ("ht:ceo", "jng:chairman", 70, 1500,
     "Old friends from the provincial IT association 省信息化协会老朋友"),
    ("ht:dm1", "jng:cio", 75, 700, "Delivered the metering platform together 一起交付计量平台"),
    ("ht:dm1", "tyt:cio", 72, 500, "Delivered the billing migration together 一起完成计费迁移"),
    ("ht:mkt", "tyt:vp_sales", 40, 100, "Met at our customer summit 客户大会结识"),
    ("ht:ceo", "qln:chairman", 45, 600, "Golf partners 球友"),
    ("ht:hr1", "qlp:ceo", 50, 250, "Neighbours in the same compound 同一小区的邻居"),
    ("ht:cs", "rhg:cio", 45, 150, "Helped with the outpatient system's go-live 协助门诊系统上线"),
    ("ht:zp", "stl:ceo", 80, 900, "Zhou Peng's personal relationship 周鹏的私人关系"),
    ("ht:zp", "stl:cio", 70, 800, "Zhou Peng's personal relationship 周鹏的私人关系"),
    ("ht:zp", "qln:vp_sales", 65, 700, "From Zhou Peng's previous job 周鹏前一份工作认识"),
    ("lx:vp", "tyt:ceo", 80, 1500, "Lanxin's founder's old friend 蓝芯创始人的老朋友"),
    ("lx:am1", "tyt:cto", 85, 1000, "Lanxin built their network OSS 蓝芯做过他们的网络OSS"),
    ("lx:ps1", "tyt:cio.d0", 70, 600, ""),
    ("lx:am2", "dfb:vp_retail", 75, 800, "Plays tennis with Lanxin's director 网球球友"),
    ("lx:am3", "qln:vp_mfg", 60, 5,
     "Met at the pharma trade fair this week 本周在医药展会上结识"),
    ("hr:vp", "rhg:ceo", 82, 1800, "Huarui has served the group for ten years 华睿服务集团十年"),
    ("hr:am1", "rhg:vp_med", 75, 900, ""),
    ("hr:ps1", "rhg:cio", 70, 700, ""),
    ("hr:am2", "stl:cio", 60, 200, "Huarui moved in after Zhou Peng left 周鹏离职后华睿乘虚而入"),
    ("hr:am3", "jng:vp_ops", 55, 500, ""),
)  # fmt: skip

#: Influence ties written by hand (besides the generated ones): (source, target, strength, notes).
STORY_INFLUENCE: tuple[tuple[str, str, int, str], ...] = (
    ("qln:cio", "qlp:ceo", 60, "Sets IT policy for the whole group 制定集团IT规范"),
    ("dfb:cro", "dfb:cio", 55, "Risk signs off every system 风控对系统有一票否决权"),
    ("rhg:vp_med", "rhg:ceo", 75, "Doctors follow him 医生们听他的"),
    ("tyt:cto", "tyt:ceo", 70, "The President's right hand 总裁的左膀右臂"),
)

#: Customer people we never met outside formal settings (kept out of generated ties/interactions).
COLD: dict[str, frozenset[str]] = {
    "dfb": frozenset({"ceo", "chairman", "vp_retail"}),
    "tyt": frozenset({"ceo", "cto"}),
    "rhg": frozenset({"ceo", "vp_med"}),
}

#: Deals: id, customer, name, stage, status, amount, currency, close in days (negative = past),
#: competitors, and roles (role, person key at the customer unless "org:key", attitude,
#: contact level, personality / decision orientation, notes).
DEALS: tuple[dict, ...] = (
    dict(id="dfb-d1", org="dfb", name="Core banking data platform 核心数据平台",
         stage="proposal", status="open", amount="12800000", currency="CNY", close=75,
         competitors=("lx",), roles=(
             ("approver", "ceo", "neutral", "initial", "Wants a safe choice 求稳", ""),
             ("decision_maker", "cio", "supporter", "regular", "", ""),
             ("evaluator", "cio.d2", "champion", "deep", "", "Wrote the requirements with us"),
             ("evaluator", "cro", "non_supporter", "initial", "Risk first 风险优先", ""),
             ("user", "cio.d2.s0", "supporter", "regular", "", ""))),
    dict(id="dfb-d2", org="dfb", name="Mobile banking app revamp 手机银行改版",
         stage="solution", status="open", amount="4600000", currency="CNY", close=120,
         competitors=("lx", "hr"), roles=(
             ("decision_maker", "vp_retail", "non_supporter", "initial", "", "Close to Lanxin"),
             ("evaluator", "cio.d1", "neutral", "regular", "", ""),
             ("user", "vp_retail.d0", "supporter", "regular", "", ""))),
    dict(id="dfb-d3", org="dfb", name="Risk data mart 风险数据集市", stage="closed",
         status="won", amount="3200000", currency="CNY", close=-120, competitors=("hr",),
         roles=(
             ("approver", "cro", "supporter", "regular", "", ""),
             ("decision_maker", "cio", "champion", "deep", "", ""),
             ("evaluator", "cro.d0", "supporter", "regular", "", ""),
             ("user", "cro.d0.s0", "supporter", "regular", "", ""))),
    dict(id="dfb-d4", org="dfb", name="Branch performance analytics 网点经营分析", stage="closed",
         status="lost", amount="1500000", currency="CNY", close=-210, competitors=("lx",),
         roles=(
             ("approver", "vp_retail", "enemy", "none", "", "Chose Lanxin 选择了蓝芯"),
             ("decision_maker", "region0", "neutral", "initial", "", ""),
             ("evaluator", "cio.d1", "supporter", "regular", "", ""),
             ("user", "vp_retail.d0", "neutral", "initial", "", ""))),
    dict(id="jng-d1", org="jng", name="Grid asset management 电网资产管理系统",
         stage="negotiation", status="open", amount="9500000", currency="CNY", close=30,
         competitors=("hr",), roles=(
             ("approver", "ceo", "champion", "deep", "", ""),
             ("decision_maker", "vp_ops", "neutral", "regular", "Engineering first 工程导向", ""),
             ("evaluator", "vp_ops.d1", "supporter", "regular", "", ""),
             ("evaluator", "cio", "champion", "deep", "", ""),
             ("user", "vp_ops.d1.s0", "supporter", "initial", "", ""))),
    dict(id="jng-d2", org="jng", name="95598 customer service platform 95598客服平台",
         stage="closed", status="won", amount="6200000", currency="CNY", close=-60,
         competitors=("hr",), roles=(
             ("approver", "ceo", "champion", "deep", "", ""),
             ("decision_maker", "vp_sales", "supporter", "regular", "", ""),
             ("evaluator", "vp_sales.d0", "supporter", "regular", "", ""),
             ("user", "vp_sales.d0.s0", "neutral", "initial", "", ""))),
    dict(id="tyt-d1", org="tyt", name="BSS billing modernisation 计费系统现代化",
         stage="proposal", status="open", amount="18000000", currency="CNY", close=90,
         competitors=("lx",), roles=(
             ("approver", "ceo", "neutral", "none", "", ""),
             ("decision_maker", "cto", "non_supporter", "initial", "Trusts Lanxin 信任蓝芯", ""),
             ("evaluator", "cio", "champion", "deep", "", ""),
             ("evaluator", "cio.d0", "neutral", "initial", "", ""),
             ("user", "vp_sales.d0", "supporter", "regular", "", ""))),
    dict(id="tyt-d2", org="tyt", name="Network operations dashboard 网络运维大屏",
         stage="closed", status="lost", amount="2100000", currency="CNY", close=-150,
         competitors=("lx",), roles=(
             ("approver", "cto", "enemy", "initial", "", ""),
             ("decision_maker", "cto.d0", "non_supporter", "initial", "", ""),
             ("user", "cto.d0.s0", "neutral", "none", "", ""))),
    dict(id="qln-d1", org="qln", name="MES rollout, phase 2 MES二期", stage="qualification",
         status="open", amount="5400000", currency="CNY", close=150, competitors=("lx",),
         roles=(
             ("approver", "chairman", "neutral", "initial", "", ""),
             ("decision_maker", "vp_mfg", "neutral", "regular", "", ""),
             ("evaluator", "cio", "supporter", "regular", "", ""))),
    dict(id="qln-d2", org="qln", name="Supplier portal 供应商门户", stage="closed",
         status="won", amount="1800000", currency="CNY", close=-30, competitors=(),
         roles=(
             ("approver", "cfo", "supporter", "regular", "", ""),
             ("decision_maker", "cio", "champion", "deep", "", ""),
             ("evaluator", "cio.d0", "supporter", "regular", "", ""),
             ("user", "cfo.d1", "supporter", "regular", "", ""))),
    dict(id="qlp-d1", org="qlp", name="Shop-floor quality tracking 车间质量追溯",
         stage="solution", status="open", amount="900000", currency="CNY", close=60,
         competitors=("lx",), roles=(
             ("approver", "qln:cfo", "supporter", "initial", "", "Group approval 集团审批"),
             ("decision_maker", "ceo", "supporter", "regular", "", ""),
             ("evaluator", "vp_mfg", "neutral", "initial", "", ""),
             ("user", "office", "neutral", "initial", "", ""))),
    dict(id="rhg-d1", org="rhg", name="Group hospital information platform 集团医院信息平台",
         stage="proposal", status="open", amount="7300000", currency="CNY", close=100,
         competitors=("hr",), roles=(
             ("approver", "ceo", "non_supporter", "none", "", "Huarui's long-time sponsor"),
             ("decision_maker", "vp_med", "neutral", "initial", "", ""),
             ("evaluator", "cio", "supporter", "regular", "", ""),
             ("user", "vp_med.d0", "neutral", "initial", "", ""))),
    dict(id="rhg-d2", org="rhg", name="Medical imaging cloud 影像云", stage="closed",
         status="lost", amount="3900000", currency="CNY", close=-90, competitors=("hr",),
         roles=(
             ("approver", "ceo", "enemy", "none", "", ""),
             ("decision_maker", "vp_med", "non_supporter", "initial", "", ""),
             ("evaluator", "vp_med.d1", "neutral", "initial", "", ""),
             ("user", "vp_med.d1.s0", "supporter", "regular", "", ""))),
    dict(id="stl-d1", org="stl", name="Warehouse management system 仓储管理系统", stage="closed",
         status="won", amount="2600000", currency="CNY", close=-250, competitors=("hr",),
         roles=(
             ("approver", "ceo", "champion", "deep", "", "Zhou Peng's deal 周鹏的项目"),
             ("decision_maker", "cio", "champion", "deep", "", ""),
             ("evaluator", "vp_sales.d0", "supporter", "regular", "", ""),
             ("user", "vp_sales.d0.s0", "supporter", "regular", "", ""))),
    dict(id="stl-d2", org="stl", name="Cross-border route optimisation 跨境路径优化",
         stage="qualification", status="open", amount="180000", currency="USD", close=180,
         competitors=("hr",), roles=(
             ("approver", "ceo", "neutral", "initial", "", "Since Zhou Peng left 周鹏离职后"),
             ("decision_maker", "cio", "non_supporter", "initial", "", ""),
             ("user", "vp_sales.d0.s1", "neutral", "none", "", ""))),
)  # fmt: skip

#: Who answers for each deal (one of our people, "ht" keys): the key account manager of the
#: customer, a sales representative for a small deal; Zhou Peng's deals went to Song Jia.
DEAL_OWNERS: dict[str, str] = {
    "dfb-d1": "kam1", "dfb-d2": "kam1", "dfb-d3": "kam1", "dfb-d4": "rep1",
    "jng-d1": "kam1", "jng-d2": "rep2",
    "tyt-d1": "kam2", "tyt-d2": "kam2",
    "qln-d1": "kam2", "qln-d2": "rep3", "qlp-d1": "kam2",
    "rhg-d1": "kam3", "rhg-d2": "kam3",
    "stl-d1": "kam3", "stl-d2": "kam3",
}  # fmt: skip
