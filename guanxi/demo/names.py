"""Bilingual name material for the demo: surnames, given-name characters, personalities.

Names are written the way the product shows them, pinyin first then characters:
"Wang Lei 王磊". The pinyin is toneless and given names of two characters are joined
("Xiaoming"), with an apostrophe before a syllable that starts with a vowel ("Jia'an").
"""

from __future__ import annotations

import random

#: (pinyin, characters) of common surnames.
SURNAMES: tuple[tuple[str, str], ...] = (
    ("Wang", "王"), ("Li", "李"), ("Zhang", "张"), ("Liu", "刘"), ("Chen", "陈"),
    ("Yang", "杨"), ("Huang", "黄"), ("Zhao", "赵"), ("Wu", "吴"), ("Zhou", "周"),
    ("Xu", "徐"), ("Sun", "孙"), ("Ma", "马"), ("Zhu", "朱"), ("Hu", "胡"),
    ("Guo", "郭"), ("He", "何"), ("Gao", "高"), ("Lin", "林"), ("Luo", "罗"),
    ("Zheng", "郑"), ("Liang", "梁"), ("Xie", "谢"), ("Song", "宋"), ("Tang", "唐"),
    ("Han", "韩"), ("Feng", "冯"), ("Deng", "邓"), ("Cao", "曹"), ("Peng", "彭"),
    ("Zeng", "曾"), ("Xiao", "肖"), ("Tian", "田"), ("Dong", "董"), ("Pan", "潘"),
    ("Yuan", "袁"), ("Cai", "蔡"), ("Jiang", "蒋"), ("Yu", "余"), ("Du", "杜"),
    ("Ye", "叶"), ("Cheng", "程"), ("Wei", "魏"), ("Su", "苏"), ("Ding", "丁"),
    ("Ren", "任"), ("Shen", "沈"), ("Yao", "姚"), ("Lu", "卢"), ("Jiang", "姜"),
    ("Cui", "崔"), ("Zhong", "钟"), ("Tan", "谭"), ("Fan", "范"), ("Wang", "汪"),
    ("Lu", "陆"), ("Jin", "金"), ("Shi", "石"), ("Dai", "戴"), ("Jia", "贾"),
    ("Xia", "夏"), ("Qiu", "邱"), ("Fang", "方"), ("Hou", "侯"), ("Zou", "邹"),
    ("Xiong", "熊"), ("Meng", "孟"), ("Qin", "秦"), ("Bai", "白"), ("Jiang", "江"),
    ("Yan", "严"), ("Xue", "薛"), ("Lei", "雷"), ("Kong", "孔"), ("Qian", "钱"),
    ("Long", "龙"), ("Duan", "段"), ("Hao", "郝"), ("Gu", "顾"), ("Mao", "毛"),
)  # fmt: skip

#: (pinyin, character) of characters common in given names.
GIVEN: tuple[tuple[str, str], ...] = (
    ("Wei", "伟"), ("Fang", "芳"), ("Na", "娜"), ("Min", "敏"), ("Jing", "静"),
    ("Li", "丽"), ("Qiang", "强"), ("Lei", "磊"), ("Jun", "军"), ("Yang", "洋"),
    ("Yong", "勇"), ("Yan", "艳"), ("Jie", "杰"), ("Juan", "娟"), ("Tao", "涛"),
    ("Ming", "明"), ("Chao", "超"), ("Xiu", "秀"), ("Xia", "霞"), ("Ping", "平"),
    ("Gang", "刚"), ("Hui", "辉"), ("Hong", "红"), ("Hua", "华"), ("Bin", "斌"),
    ("Bo", "波"), ("Dan", "丹"), ("Peng", "鹏"), ("Hao", "浩"), ("Kai", "凯"),
    ("Xin", "欣"), ("Yu", "宇"), ("Jian", "建"), ("Guo", "国"), ("Zhi", "志"),
    ("Hai", "海"), ("Wen", "文"), ("Dong", "东"), ("Lin", "林"), ("Feng", "峰"),
    ("Xiao", "晓"), ("Chen", "晨"), ("Yun", "云"), ("Qing", "清"), ("Rui", "瑞"),
    ("Jia", "佳"), ("Yi", "怡"), ("Xue", "雪"), ("Mei", "梅"), ("Lan", "兰"),
    ("Ting", "婷"), ("Shan", "珊"), ("Long", "龙"), ("Song", "松"), ("Cheng", "成"),
    ("Liang", "亮"), ("Hang", "航"), ("Fei", "飞"), ("Zhen", "振"), ("Xiang", "翔"),
    ("Yuan", "远"), ("Kang", "康"), ("Ning", "宁"), ("Shu", "淑"), ("Qian", "倩"),
    ("Lu", "璐"), ("Ying", "颖"), ("Meng", "梦"), ("Si", "思"), ("Yue", "悦"),
    ("Zhe", "哲"), ("Hao", "昊"), ("Han", "涵"), ("Xuan", "轩"), ("Zi", "子"),
    ("Tian", "天"), ("Xing", "星"), ("Heng", "恒"), ("Sheng", "胜"), ("Quan", "全"),
    ("De", "德"), ("An", "安"), ("Le", "乐"), ("Shuang", "爽"), ("Kun", "坤"),
    ("Rong", "荣"), ("Yi", "毅"), ("Bing", "冰"), ("Jun", "俊"), ("Zhuo", "卓"),
)  # fmt: skip

#: Personalities / decision orientations, English then Chinese.
PERSONALITIES: tuple[str, ...] = (
    "Analytical, wants numbers 理性，看重数据",
    "Decisive, results-driven 果断，结果导向",
    "Cautious, risk-averse 谨慎，规避风险",
    "Relationship-oriented 重感情，看重关系",
    "Technical, detail-minded 技术型，注重细节",
    "Ambitious, wants visible wins 有抱负，重视政绩",
    "Conservative, follows procedure 保守，按流程办事",
    "Open to new ideas 开放，愿意尝试新技术",
    "Price-sensitive 对价格敏感",
    "Low-key, listens before speaking 低调，先听后说",
    "Strong-willed, dislikes surprises 强势，不喜欢意外",
    "Consensus builder 善于协调，寻求共识",
    "Loyal to the incumbent vendor 忠于现有供应商",
    "Quality first 质量优先",
)


def join_pinyin(syllables: list[str]) -> str:
    """Join the syllables of one given name the way pinyin is written.

    >>> join_pinyin(["Xiao", "Ming"]), join_pinyin(["Jia", "An"])
    ('Xiaoming', "Jia'an")
    """
    text = syllables[0]
    for syllable in syllables[1:]:
        lower = syllable.lower()
        text += ("'" if lower[0] in "aeo" else "") + lower
    return text


class NamePool:
    """Draws bilingual person names from a seeded generator, never the same name twice.

    >>> pool = NamePool(random.Random(1))
    >>> name = pool.draw()
    >>> name.split()[0] in {s for s, _ in SURNAMES} and name != pool.draw()
    True
    """

    def __init__(self, rng: random.Random, taken: set[str] | None = None) -> None:
        self.rng = rng
        self.taken: set[str] = set(taken or ())

    def reserve(self, name: str) -> str:
        """Mark a hand-written name as used so no generated person gets it."""
        self.taken.add(name.split()[-1])
        return name

    def draw(self) -> str:
        """A new name such as "Wang Lei 王磊" (one or two given-name characters)."""
        while True:
            surname = self.rng.choice(SURNAMES)
            count = 1 if self.rng.random() < 0.3 else 2
            given = [self.rng.choice(GIVEN) for _ in range(count)]
            characters = surname[1] + "".join(g[1] for g in given)
            if characters not in self.taken and len({g[1] for g in given}) == count:
                self.taken.add(characters)
                return f"{surname[0]} {join_pinyin([g[0] for g in given])} {characters}"


def email_of(name: str, domain: str) -> str:
    """A plausible work email for "Wang Lei 王磊" at `domain`: "lei.wang@domain".

    >>> email_of("Zhang Xiaoming 张晓明", "bank.example")
    'xiaoming.zhang@bank.example'
    """
    surname, given = name.split()[:2]
    return f"{given.replace(chr(39), '').lower()}.{surname.lower()}@{domain}"
