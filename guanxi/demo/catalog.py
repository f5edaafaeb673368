"""The demo's fixed cast: our company, the customers' shapes, the competitors.

Everything here is invented (names, companies, domains under .example). The generated parts
(the customers' staff below their leaders) come from guanxi.demo.orgchart.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Dept:
    """A department under an executive: its name and what its staff are called."""

    en: str
    zh: str
    staff_en: str = "Specialist"
    staff_zh: str = "专员"


@dataclass(frozen=True)
class Exec:
    """An executive reporting to the chief, with the departments under them."""

    key: str
    title_en: str
    title_zh: str
    dept_en: str
    dept_zh: str
    depts: tuple[Dept, ...] = ()
    personality: int = 0


@dataclass(frozen=True)
class Profile:
    """The shape of an organisation in one industry (a bank's titles are not a hospital's)."""

    chief_en: str
    chief_zh: str
    chairman: tuple[str, str] | None
    execs: tuple[Exec, ...]
    sales_exec: str
    region_en: str
    region_zh: str
    regions: tuple[tuple[str, str], ...]
    director_zh: str = "总经理"
    manager_zh: str = "经理"


@dataclass(frozen=True)
class Customer:
    """A customer account: id prefix, bilingual name, tier, industry, size, group parent."""

    prefix: str
    name: str
    tier: str
    industry: str
    profile: str
    size: int
    domain: str
    parent: str = ""
    # mean strength of our and the competitors' relationships there (the account's story)
    ours: int = 50
    reach: float = 0.6  # share of the leaders we know
    staff: float = 0.2  # share of the other staff we know (twice that in IT)
    rivals: dict[str, int] = field(default_factory=dict)
    notes: str = ""


IT = (
    Dept("Infrastructure", "基础架构部", "Engineer", "工程师"),
    Dept("Application Development", "应用开发部", "Developer", "开发工程师"),
    Dept("Data & Analytics", "数据管理部", "Data Engineer", "数据工程师"),
    Dept("Information Security", "信息安全部", "Security Engineer", "安全工程师"),
)
FINANCE = (
    Dept("Accounting", "会计部", "Accountant", "会计"),
    Dept("Procurement", "采购中心", "Buyer", "采购专员"),
)

PROFILES: dict[str, Profile] = {
    "bank": Profile(
        chief_en="President", chief_zh="行长", chairman=("Chairman", "董事长"),
        execs=(
            Exec("cio", "CIO", "首席信息官", "IT", "信息科技部", IT, 4),
            Exec("cfo", "CFO", "首席财务官", "Finance", "计划财务部", FINANCE, 0),
            Exec("vp_retail", "VP Retail Banking", "零售业务副行长", "Retail Banking", "零售银行部",
                 (Dept("Retail Banking", "零售银行部", "Account Manager", "客户经理"),
                  Dept("Credit Cards", "信用卡中心", "Product Manager", "产品经理")), 5),
            Exec("vp_corp", "VP Corporate Banking", "公司业务副行长", "Corporate Banking",
                 "公司银行部",
                 (Dept("Corporate Banking", "公司银行部", "Relationship Manager", "客户经理"),
                  Dept("Transaction Banking", "交易银行部", "Product Manager", "产品经理")), 1),
            Exec("cro", "Chief Risk Officer", "首席风险官", "Risk", "风险管理部",
                 (Dept("Risk Management", "风险管理部", "Risk Analyst", "风险分析师"),
                  Dept("Compliance", "合规部", "Compliance Officer", "合规专员")), 2),
        ),
        sales_exec="vp_retail", region_en="President, {} Branch", region_zh="{}分行行长",
        regions=(("Shanghai", "上海"), ("Hangzhou", "杭州"), ("Nanjing", "南京"),
                 ("Suzhou", "苏州"), ("Ningbo", "宁波"), ("Hefei", "合肥")),
    ),
    "utility": Profile(
        chief_en="General Manager", chief_zh="总经理", chairman=("Chairman", "董事长"),
        execs=(
            Exec("cio", "Chief Digital Officer", "首席数字官", "Digital", "数字化部", IT[:3], 7),
            Exec("vp_sales", "VP Marketing & Customer Service", "营销副总经理", "Marketing",
                 "营销部",
                 (Dept("Customer Service", "客户服务中心", "Service Agent", "客服专员"),
                  Dept("Metering", "计量中心", "Technician", "技术员")), 11),
            Exec("vp_ops", "VP Operations", "生产副总经理", "Operations", "运维检修部",
                 (Dept("Grid Operations", "调度控制中心", "Dispatcher", "调度员"),
                  Dept("Asset Management", "资产管理部", "Engineer", "工程师")), 6),
            Exec("cfo", "Chief Accountant", "总会计师", "Finance", "财务部", FINANCE, 2),
        ),
        sales_exec="vp_sales", region_en="Director, {} Power Supply", region_zh="{}供电公司总经理",
        regions=(("Wuxi", "无锡"), ("Changzhou", "常州"), ("Yangzhou", "扬州")),
    ),
    "telecom": Profile(
        chief_en="President", chief_zh="总裁", chairman=None,
        execs=(
            Exec("cio", "CIO", "首席信息官", "IT", "信息技术部", IT, 4),
            Exec("cto", "CTO", "首席技术官", "Network", "网络部",
                 (Dept("Network Operations", "网络运维中心", "Network Engineer", "网络工程师"),
                  Dept("Planning", "网络规划部", "Planner", "规划工程师")), 10),
            Exec("vp_sales", "VP Marketing", "市场副总裁", "Marketing", "市场部",
                 (Dept("Consumer Marketing", "个人市场部", "Product Manager", "产品经理"),
                  Dept("Enterprise Business", "政企客户部", "Account Manager", "客户经理")), 5),
            Exec("cfo", "CFO", "首席财务官", "Finance", "财务部", FINANCE, 8),
        ),
        sales_exec="vp_sales", region_en="General Manager, {} Branch", region_zh="{}分公司总经理",
        regions=(("Guangzhou", "广州"), ("Shenzhen", "深圳"), ("Foshan", "佛山"),
                 ("Dongguan", "东莞")),
        director_zh="总监",
    ),
    "manufacturer": Profile(
        chief_en="CEO", chief_zh="总裁", chairman=("Chairman", "董事长"),
        execs=(
            Exec("cio", "CIO", "信息化总监", "IT", "信息中心", IT[:2], 4),
            Exec("vp_sales", "VP Sales", "销售副总裁", "Sales", "销售部",
                 (Dept("Domestic Sales", "国内销售部", "Sales Manager", "销售经理"),), 1),
            Exec("vp_mfg", "VP Manufacturing", "生产副总裁", "Manufacturing", "生产部",
                 (Dept("Production", "生产管理部", "Production Engineer", "生产工程师"),
                  Dept("Quality", "质量部", "Quality Engineer", "质量工程师")), 13),
            Exec("cfo", "CFO", "财务总监", "Finance", "财务部", FINANCE, 8),
        ),
        sales_exec="vp_sales", region_en="Regional Director, {}", region_zh="{}大区总监",
        regions=(("East China", "华东"), ("North China", "华北"), ("South China", "华南")),
        director_zh="总监",
    ),
    "hospital": Profile(
        chief_en="President", chief_zh="院长", chairman=("Chairman", "董事长"),
        execs=(
            Exec("cio", "CIO", "信息中心主任", "Information Center", "信息中心", IT[:2], 2),
            Exec("vp_med", "Vice President, Medical Affairs", "分管医疗副院长", "Medical Affairs",
                 "医务部",
                 (Dept("Medical Affairs", "医务科", "Medical Officer", "医务干事"),
                  Dept("Radiology", "放射科", "Radiologist", "放射科医师")), 13),
            Exec("vp_sales", "Vice President, Operations", "分管运营副院长", "Operations", "运营部",
                 (Dept("Operations", "运营管理部", "Analyst", "运营专员"),), 9),
            Exec("cfo", "Chief Accountant", "总会计师", "Finance", "财务处", FINANCE, 0),
        ),
        sales_exec="vp_sales", region_en="President, {} Hospital", region_zh="{}医院院长",
        regions=(("Xihu", "西湖"), ("Binjiang", "滨江"), ("Xiaoshan", "萧山")),
        director_zh="主任", manager_zh="科长",
    ),
    "logistics": Profile(
        chief_en="CEO", chief_zh="总经理", chairman=None,
        execs=(
            Exec("cio", "IT Director", "信息技术总监", "IT", "信息技术部", IT[:2], 7),
            Exec("vp_sales", "VP Operations", "运营副总经理", "Operations", "运营中心",
                 (Dept("Warehousing", "仓储部", "Warehouse Supervisor", "仓储主管"),
                  Dept("Transport", "运输部", "Dispatcher", "调度员")), 1),
            Exec("cfo", "CFO", "财务总监", "Finance", "财务部", FINANCE[:1], 8),
        ),
        sales_exec="vp_sales", region_en="Hub Manager, {}", region_zh="{}枢纽总经理",
        regions=(("Wuhan", "武汉"), ("Chengdu", "成都")),
        director_zh="总监",
    ),
}  # fmt: skip

CUSTOMERS: tuple[Customer, ...] = (
    Customer("dfb", "Dongfang Bank 东方银行", "strategic", "banking 银行", "bank", 200,
             "dongfangbank.example", reach=0.85, staff=0.45, ours=60, rivals={"lx": 45, "hr": 30},
             notes="Our largest account; the President is the plan target 行长是重点突破对象"),
    Customer("jng", "Jiangnan Power Grid 江南电网", "strategic", "utility 电力", "utility", 48,
             "jiangnangrid.example", reach=0.95, staff=0.45, ours=80, rivals={"hr": 40}),
    Customer("tyt", "Tianyu Telecom 天宇通信", "key", "telecom 通信", "telecom", 52,
             "tianyutel.example", reach=0.5, ours=35, rivals={"lx": 72}),
    Customer("qln", "Qilin Heavy Industry 麒麟重工", "key", "manufacturing 制造", "manufacturer",
             40, "qilin-hi.example", reach=0.7, ours=50, rivals={"lx": 45}),
    Customer("qlp", "Qilin Precision Machinery 麒麟精密机械", "standard", "manufacturing 制造",
             "manufacturer", 14, "qilin-pm.example", parent="qln", ours=30, rivals={"lx": 35}),
    Customer("rhg", "Renhe Hospital Group 仁和医疗集团", "key", "healthcare 医疗", "hospital", 36,
             "renhe-health.example", reach=0.4, ours=25, rivals={"hr": 70}),
    Customer("stl", "Sutong Logistics 速通物流", "standard", "logistics 物流", "logistics", 24,
             "sutong.example", reach=0.5, ours=25, rivals={"hr": 40}),
)  # fmt: skip


@dataclass(frozen=True)
class Staff:
    """One of our (or a competitor's) people, written by hand so the story can name them."""

    key: str
    name: str
    title: str
    department: str
    manager: str = ""
    is_sales: bool = False
    status: str = "active"
    accounts: tuple[str, ...] = ()
    notes: str = ""


OWN_NAME = "Hengtai Software 恒泰软件"
OWN_DOMAIN = "hengtai.example"

#: Our company: sales (reps, key-account managers, the director, presales) and non-sales.
OWN_STAFF: tuple[Staff, ...] = (
    Staff("ceo", "Zheng Hongtao 郑宏涛", "CEO 首席执行官", "Executive Office 总裁办"),
    Staff("sd", "Liang Wenbo 梁文博", "Sales Director 销售总监", "Sales 销售部", "ceo", True),
    Staff("kam1", "Li Na 李娜", "Key Account Manager 大客户经理", "Sales 销售部", "sd", True,
          accounts=("dfb", "jng")),
    Staff("kam2", "Gao Yuan 高远", "Key Account Manager 大客户经理", "Sales 销售部", "sd", True,
          accounts=("tyt", "qln", "qlp")),
    Staff("kam3", "Song Jia 宋佳", "Key Account Manager 大客户经理", "Sales 销售部", "sd", True,
          accounts=("rhg", "stl")),
    Staff("rep1", "Xu Hang 徐航", "Sales Representative 销售代表", "Sales 销售部", "kam1", True,
          accounts=("dfb",)),
    Staff("rep2", "Tang Xin 唐欣", "Sales Representative 销售代表", "Sales 销售部", "kam1", True,
          accounts=("jng", "stl")),
    Staff("rep3", "Fan Kai 范凯", "Sales Representative 销售代表", "Sales 销售部", "kam2", True,
          accounts=("qln", "qlp")),
    Staff("rep4", "Lu Ying 陆颖", "Sales Representative 销售代表", "Sales 销售部", "kam3", True,
          accounts=("rhg", "tyt")),
    Staff("zp", "Zhou Peng 周鹏", "Key Account Manager 大客户经理", "Sales 销售部", "sd", True,
          "left", ("stl", "qln"),
          "Left the company seven months ago; his relationships stay for history and hand-over "
          "已离职，关系保留以便交接"),
    Staff("psm", "Ma Rui 马瑞", "Presales Manager 售前经理", "Presales 售前部", "sd", True,
          accounts=("dfb", "tyt")),
    Staff("ps1", "He Jun 何军", "Presales Engineer 售前工程师", "Presales 售前部", "psm", True,
          accounts=("dfb", "jng")),
    Staff("ps2", "Cai Ting 蔡婷", "Presales Engineer 售前工程师", "Presales 售前部", "psm", True,
          accounts=("qln", "rhg")),
    Staff("ps3", "Yao Bin 姚斌", "Presales Engineer 售前工程师", "Presales 售前部", "psm", True,
          accounts=("tyt", "stl")),
    Staff("hr", "Chen Jing 陈静", "HR Director 人力资源总监", "Human Resources 人力资源部", "ceo",
          notes="University classmate of Dongfang Bank's President 与东方银行行长是大学同学"),
    Staff("hr1", "Wu Min 吴敏", "HR Specialist 人力资源专员", "Human Resources 人力资源部", "hr"),
    Staff("fin", "Ye Qing 叶清", "Finance Director 财务总监", "Finance 财务部", "ceo"),
    Staff("fin1", "Kong Lan 孔兰", "Accountant 会计", "Finance 财务部", "fin"),
    Staff("del", "Deng Feng 邓峰", "Delivery Director 交付总监", "Delivery 交付中心", "ceo"),
    Staff("dm1", "Jiang Tao 蒋涛", "Delivery Manager 交付经理", "Delivery 交付中心", "del",
          accounts=("jng", "tyt")),
    Staff("dm2", "Qin Yue 秦悦", "Delivery Manager 交付经理", "Delivery 交付中心", "del",
          accounts=("dfb",)),
    Staff("dm3", "Shi Lei 石磊", "Project Manager 项目经理", "Delivery 交付中心", "del",
          accounts=("qln", "stl")),
    Staff("rd", "Su Zhe 苏哲", "CTO 首席技术官", "R&D 研发中心", "ceo",
          notes="Former colleague of Dongfang Bank's CIO 曾与东方银行CIO共事"),
    Staff("rd1", "Hou Yu 侯宇", "Chief Architect 首席架构师", "R&D 研发中心", "rd",
          accounts=("tyt",)),
    Staff("rd2", "Xia Xue 夏雪", "Senior Engineer 高级工程师", "R&D 研发中心", "rd1"),
    Staff("rd3", "Bai Long 白龙", "Engineer 工程师", "R&D 研发中心", "rd1"),
    Staff("mkt", "Dai Lin 戴林", "Marketing Manager 市场经理", "Marketing 市场部", "ceo"),
    Staff("cs", "Meng Si 孟思", "Customer Success Manager 客户成功经理", "Delivery 交付中心",
          "del", accounts=("rhg", "qlp")),
)  # fmt: skip

#: Competitors: (prefix, name, domain, titles of their people, English then Chinese).
COMPETITORS: tuple[tuple[str, str, str], ...] = (
    ("lx", "Lanxin Technology 蓝芯科技", "lanxin.example"),
    ("hr", "Huarui Systems 华睿系统", "huarui.example"),
)

#: A competitor's people: (key, title, department, manager key, sales?).
RIVAL_STAFF: tuple[tuple[str, str, str, str, bool], ...] = (
    ("ceo", "CEO 总裁", "Executive 总裁办", "", False),
    ("vp", "VP Sales 销售副总裁", "Sales 销售部", "ceo", True),
    ("am1", "Account Director 客户总监", "Sales 销售部", "vp", True),
    ("am2", "Account Manager 客户经理", "Sales 销售部", "vp", True),
    ("am3", "Account Manager 客户经理", "Sales 销售部", "vp", True),
    ("ps1", "Solution Architect 解决方案架构师", "Presales 售前部", "vp", True),
    ("ps2", "Presales Engineer 售前工程师", "Presales 售前部", "ps1", True),
    ("dl1", "Delivery Manager 交付经理", "Delivery 交付部", "ceo", False),
    ("dl2", "Project Manager 项目经理", "Delivery 交付部", "dl1", False),
)
