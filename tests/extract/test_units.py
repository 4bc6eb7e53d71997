"""Unit rules: labels as data, roles, splitting, bracket forms, tables. Inputs written here."""
from __future__ import annotations

import pytest

from planparse.extract.units import find_units, last_table_header, table_date_cells


def units(s, header=None):
    return [(v["name"], v["role"], v["label"]) for _, _, v in find_units(s, header)]


CASES = [
    ("责任单位：市司法局、市财政局",
     [("市司法局", "lead", "责任单位"), ("市财政局", "lead", "责任单位")]),
    ("牵头单位：市发展改革委；责任单位：各县（市、区）",
     [("市发展改革委", "lead", "牵头单位"), ("各县（市、区）", "support", "责任单位")]),
    ("（责任单位：市委依法治市办（市司法局），各有关部门）",
     [("市委依法治市办（市司法局）", "lead", "责任单位"), ("各有关部门", "lead", "责任单位")]),
    ("〈牵头单位：市政府办；配合单位：市政务服务中心〉",
     [("市政府办", "lead", "牵头单位"), ("市政务服务中心", "support", "配合单位")]),
    ("＜牵头单位：区政府办＞", [("区政府办", "lead", "牵头单位")]),
    ("(责任单位:县交通局,县公安局)", [("县交通局", "lead", "责任单位"), ("县公安局", "lead", "责任单位")]),
    ("做好衔接。\n责任单位 县应急局", [("县应急局", "lead", "责任单位")]),
    ("主办单位：区教育局\n协办单位：区团委、区妇联",
     [("区教育局", "lead", "主办单位"), ("区团委", "support", "协办单位"), ("区妇联", "support", "协办单位")]),
    ("牵头部门：州财政局；配合部门：州审计局",
     [("州财政局", "lead", "牵头部门"), ("州审计局", "support", "配合部门")]),
    ("主责单位：镇政府；参与单位：各村委会",
     [("镇政府", "lead", "主责单位"), ("各村委会", "support", "参与单位")]),
    ("责任部门：县卫健局", [("县卫健局", "lead", "责任部门")]),
    # names: brackets inside kept, angle brackets normalised, 等 kept, whitespace stripped
    ("责任单位：县（区）政府、党校（行政学院）", [("县（区）政府", "lead", "责任单位"), ("党校（行政学院）", "lead", "责任单位")]),
    ("配合单位：市直有关部门<单位>", [("市直有关部门〈单位〉", "support", "配合单位")]),
    ("配合单位：各有关部门\u2002", [("各有关部门", "support", "配合单位")]),
    ("责任单位：市政务和数据局等", [("市政务和数据局等", "lead", "责任单位")]),
    ("责任单位：市政府办、司法局", [("市政府办", "lead", "责任单位"), ("司法局", "lead", "责任单位")]),
    # layout: a page break inside a label or a name, a list running on after a comma
    ("（牵头单位：区司法局；责\n\n任单位：各街道）",
     [("区司法局", "lead", "牵头单位"), ("各街道", "support", "责任单位")]),
    ("（牵头单位：县委\n\n政法委；配合单位：县法院）",
     [("县委政法委", "lead", "牵头单位"), ("县法院", "support", "配合单位")]),
    ("（牵头单位：县司法局；配合单位：县法院，\n\n县检察院）",
     [("县司法局", "lead", "牵头单位"), ("县法院", "support", "配合单位"), ("县检察院", "support", "配合单位")]),
    ("责任单位：县民政局\n全面推进社会救助，", [("县民政局", "lead", "责任单位")]),
    ("（责任单位：区司法局；完成时限：2023年12月底）", [("区司法局", "lead", "责任单位")]),
    ("责任单位：\n区司法局、区财政局", [("区司法局", "lead", "责任单位"), ("区财政局", "lead", "责任单位")]),
    ("【牵头单位】区发改局\n【配合单位】区财政局", [("区发改局", "lead", "牵头单位"), ("区财政局", "support", "配合单位")]),
    # closing brackets with role verbs
    ("落实到位。（区发展改革局牵头，区财政局、区商务局配合）",
     [("区发展改革局", "lead", "牵头"), ("区财政局", "support", "配合"), ("区商务局", "support", "配合")]),
    ("按期完成。（县政务服务局负责落实，完成时限：2023年10月）", [("县政务服务局", "lead", "负责")]),
    ("（市卫健委、市医保局等部门分工负责）", [("市卫健委", "lead", "负责"), ("市医保局", "lead", "负责")]),
    ("（区住建局等按职责分工负责）", [("区住建局等", "lead", "负责")]),
    # not units
    ("由市发展改革委牵头，会同有关部门研究。", []),
    ("明确时间进度、责任部门和责任人。", []),
    ("各责任单位要加强协调。", []),
    ("开展试点（具体办法另行制定）。", []),
    ("（以上数据由统计部门负责）", []),
    ("建立健全工作机制（试行）。", []),
    # closing brackets: a bare 部门 ending belongs to the name; only 等…部门 is filler
    ("（区政府办公室牵头，区直各部门配合）", [("区政府办公室", "lead", "牵头"), ("区直各部门", "support", "配合")]),
    ("（县科技局牵头，县财政局、县税务局等部门配合）",
     [("县科技局", "lead", "牵头"), ("县财政局", "support", "配合"), ("县税务局", "support", "配合")]),
    ("（县农业农村局、各有关部门负责）", [("县农业农村局", "lead", "负责"), ("各有关部门", "lead", "负责")]),
    ("（区工商联、区委统战部负责）", [("区工商联", "lead", "负责"), ("区委统战部", "lead", "负责")]),
    ("（区残联牵头，区民政局配合）", [("区残联", "lead", "牵头"), ("区民政局", "support", "配合")]),
    ("（区大数据中心负责）", [("区大数据中心", "lead", "负责")]),
    ("（相关情况由统计部门负责）", []),
    ("（上述数据由县统计局负责）", []),
    # labels with a qualifier, new label words, a label joined to the line before it
    ("牵头单位（部门）：县商务局", [("县商务局", "lead", "牵头单位")]),
    ("责任单位(部门):县商务局", [("县商务局", "lead", "责任单位")]),
    ("协同部门：县财政局、县农业农村局", [("县财政局", "support", "协同部门"), ("县农业农村局", "support", "协同部门")]),
    ("牵头单位：县商务局\n责任主体：各乡镇人民政府", [("县商务局", "lead", "牵头单位"), ("各乡镇人民政府", "support", "责任主体")]),
    ("责任主体：各乡镇人民政府", [("各乡镇人民政府", "lead", "责任主体")]),
    ("牵头单位：县商务局协同部门：县财政局", [("县商务局", "lead", "牵头单位"), ("县财政局", "support", "协同部门")]),
    ("牵头单位：县商务局、县邮政管理局责任主体：各乡镇",
     [("县商务局", "lead", "牵头单位"), ("县邮政管理局", "lead", "牵头单位"), ("各乡镇", "support", "责任主体")]),
    ("主办部门：省文旅厅\n协作部门：省体育局", [("省文旅厅", "lead", "主办部门"), ("省体育局", "support", "协作部门")]),
    ("责任领导：分管副县长", []),
    ("(牵头单位:县住建局 配合单位:县城管局、县交通局)",
     [("县住建局", "lead", "牵头单位"), ("县城管局", "support", "配合单位"), ("县交通局", "support", "配合单位")]),
    ("（牵头单位：县委组织部、县人社局，配合单位：县财政局）",
     [("县委组织部", "lead", "牵头单位"), ("县人社局", "lead", "牵头单位"), ("县财政局", "support", "配合单位")]),
    ("（责任单位：县市场监管局；责任领导：李四）", [("县市场监管局", "lead", "责任单位")]),
    # prose that names a label word after a name without a colon stays prose
    ("明确县商务局牵头单位职责", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0][:20] for c in CASES])
def test_unit_rules(text, expected):
    assert units(text) == expected


def test_offsets_cover_the_printed_name():
    s = "推进。（责任单位：区司法局，各街道）"
    for start, end, value in find_units(s):
        assert s[start:end] == value["name"]


def test_table_rows_take_roles_from_the_header():
    before = "序号\t重点任务\t牵头单位\t责任单位\t完成时限\n"
    header = last_table_header(before)
    row = "1\t建立清单制度\t县司法局\t各乡镇、县直各部门\t2023年10月"
    assert units(row, header) == [
        ("县司法局", "lead", "牵头单位"), ("各乡镇", "support", "责任单位"), ("县直各部门", "support", "责任单位")]
    (cell,) = table_date_cells(row, header)
    assert row[cell[0]:cell[1]] == "2023年10月"


def test_table_row_with_merged_leading_cells_aligns_right():
    header = last_table_header("序号\t任务\t具体措施\t牵头单位\t配合单位\n")
    row = "落实措施\t区财政局\t区审计局"
    assert units(row, header) == [("区财政局", "lead", "牵头单位"), ("区审计局", "support", "配合单位")]


def test_no_header_no_table_units():
    assert units("1\t建立清单制度\t县司法局") == []



# ---------------------------------------------------------------------------------------
# role marks inside a list: （牵头）, （配合）, （按职责分工负责）; other brackets are names
# ---------------------------------------------------------------------------------------
ROLE_MARK_CASES = [
    ("责任单位：区住建局（牵头）、区财政局、区城管局",
     [("区住建局", "lead", "责任单位"), ("区财政局", "support", "责任单位"), ("区城管局", "support", "责任单位")]),
    ("责任单位：县司法局（牵头），县财政局，各乡镇政府",
     [("县司法局", "lead", "责任单位"), ("县财政局", "support", "责任单位"), ("各乡镇政府", "support", "责任单位")]),
    ("责任单位：区教育局、区卫健局(牵头)",
     [("区教育局", "support", "责任单位"), ("区卫健局", "lead", "责任单位")]),
    ("责任单位：州农业农村局（主责）、州水务局",
     [("州农业农村局", "lead", "责任单位"), ("州水务局", "support", "责任单位")]),
    ("（责任单位：县应急局（牵头负责），县消防救援大队）",
     [("县应急局", "lead", "责任单位"), ("县消防救援大队", "support", "责任单位")]),
    ("牵头单位：区科技局、区工信局（按职责分工负责）",
     [("区科技局", "lead", "牵头单位"), ("区工信局", "lead", "牵头单位")]),
    ("配合单位：县交通局、县公安局（按职责分工负责）",
     [("县交通局", "support", "配合单位"), ("县公安局", "support", "配合单位")]),
    ("责任单位：区民政局、区残联（配合）",
     [("区民政局", "lead", "责任单位"), ("区残联", "support", "责任单位")]),
    ("责任单位：区民政局（负责）、区残联（参与）",
     [("区民政局", "lead", "责任单位"), ("区残联", "support", "责任单位")]),
    ("（县网信办、县公安局按职责分工负责）", [("县网信办", "lead", "负责"), ("县公安局", "lead", "负责")]),
    # brackets that are part of a name are not marks
    ("责任单位：各市（州）人民政府，省直有关部门",
     [("各市（州）人民政府", "lead", "责任单位"), ("省直有关部门", "lead", "责任单位")]),
    ("责任单位：市委依法治市办（市司法局）（牵头）、各县（市、区）",
     [("市委依法治市办（市司法局）", "lead", "责任单位"), ("各县（市、区）", "support", "责任单位")]),
    ("责任单位：县文联（负责人）", [("县文联（负责人）", "lead", "责任单位")]),
]


@pytest.mark.parametrize("text,expected", ROLE_MARK_CASES, ids=[c[0][:20] for c in ROLE_MARK_CASES])
def test_role_marks(text, expected):
    assert units(text) == expected


def test_a_role_mark_is_not_in_the_name_span():
    s = "责任单位：区住建局（牵头）、区财政局"
    assert [s[a:b] for a, b, _ in find_units(s)] == ["区住建局", "区财政局"]


def test_role_marks_in_a_table_cell():
    header = last_table_header("序号\t主要任务\t责任单位\t完成时限\n")
    row = "3\t推进老旧小区改造\t区住建局（牵头）、区财政局\t2025年底前"
    assert units(row, header) == [("区住建局", "lead", "责任单位"), ("区财政局", "support", "责任单位")]


# ---------------------------------------------------------------------------------------
# prose: a role verb without a label or a closing bracket is not read
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "由县发展改革局牵头，会同有关部门研究制定实施细则。",
    "各地各部门要高度重视，确保各项任务落地见效。",
    "加快建设冷链物流体系，县商务局负责。",
    "完善应急预案，县应急局牵头，各乡镇配合。",
])
def test_prose_role_sentences_give_no_units(text):
    assert units(text) == []


# ---------------------------------------------------------------------------------------
# table rows: alignment of short rows, cells that cannot be organisations
# ---------------------------------------------------------------------------------------
HEADER5 = "序号\t重点任务\t具体措施\t牵头单位\t配合单位\n"


def test_continuation_row_with_empty_first_cells_aligns_left():
    header = last_table_header(HEADER5)
    row = "\t\t同步推进老旧管网改造"          # trailing empty cells lost by the reader
    assert units(row, header) == []


def test_category_row_with_a_row_number_aligns_left():
    header = last_table_header(HEADER5)
    assert units("2\t提升城市品质", header) == []
    assert units("（三）\t强化要素保障\t落实用地指标", header) == []


def test_numbered_row_keeps_its_units_when_left_aligned():
    header = last_table_header(HEADER5)
    row = "4\t优化营商环境\t压缩审批时限\t区政务服务局"   # 配合单位 cell empty and lost
    assert units(row, header) == [("区政务服务局", "lead", "牵头单位")]


def test_left_aligned_row_dates_stay_in_their_column():
    header = last_table_header("序号\t重点任务\t牵头单位\t完成时限\t备注\n")
    row = "1\t建立台账\t县统计局\t2024年6月底前"
    (cell,) = table_date_cells(row, header)
    assert row[cell[0]:cell[1]] == "2024年6月底前"


@pytest.mark.parametrize("cell", [
    "3",
    "（二）",
    "全面完成改造任务。",
    "覆盖率达到95%",
    "推动重点企业完成数字化改造，新增上云企业不少于两百家并形成示范案例",
])
def test_cells_that_cannot_be_organisations_are_not_units(cell):
    header = last_table_header("序号\t重点任务\t牵头单位\n")
    assert units(f"1\t建立台账\t{cell}", header) == []


def test_a_long_list_of_organisations_is_still_read():
    header = last_table_header("序号\t重点任务\t牵头单位\t配合单位\n")
    cell = "县发展改革局，县财政局，县自然资源局，县住房城乡建设局，县交通运输局，各乡镇人民政府"
    got = units(f"1\t建立台账\t县统计局\t{cell}", header)
    assert len(got) == 7 and got[-1] == ("各乡镇人民政府", "support", "配合单位")


# a labelled list whose clauses end in a role verb: the verb sets the role and leaves the name
CLAUSE_VERB_CASES = [
    ("责任单位：县发展改革局牵头，县财政局、县商务局配合",
     [("县发展改革局", "lead", "责任单位"), ("县财政局", "support", "责任单位"), ("县商务局", "support", "责任单位")]),
    ("（责任单位：区委组织部牵头，区直各部门按职责分工负责）",
     [("区委组织部", "lead", "责任单位"), ("区直各部门", "lead", "责任单位")]),
    ("牵头单位：州教育局负责，各县市配合",
     [("州教育局", "lead", "牵头单位"), ("各县市", "support", "牵头单位")]),
    ("责任单位：各县（区）人民政府负责", [("各县（区）人民政府", "lead", "责任单位")]),
    ("责任单位：县卫健局牵头负责；县医保局参与。",
     [("县卫健局", "lead", "责任单位"), ("县医保局", "support", "责任单位")]),
    ("牵头单位：省商务厅主责，省财政厅协办",
     [("省商务厅", "lead", "牵头单位"), ("省财政厅", "support", "牵头单位")]),
    # once a clause names the leader, the names without a verb support it (as with （牵头）)
    ("责任单位：区住建局牵头，区城管局",
     [("区住建局", "lead", "责任单位"), ("区城管局", "support", "责任单位")]),
    # a clause without a verb keeps the label's role when no leader is named
    ("责任单位：区住建局负责，区城管局",
     [("区住建局", "lead", "责任单位"), ("区城管局", "lead", "责任单位")]),
    # a lead verb does not promote a support list; a demoted 责任单位 stays support
    ("配合单位：县财政局负责，县审计局参与",
     [("县财政局", "support", "配合单位"), ("县审计局", "support", "配合单位")]),
    ("（牵头单位：市发改委；责任单位：各区县负责）",
     [("市发改委", "lead", "牵头单位"), ("各区县", "support", "责任单位")]),
    # the verb must be the whole clause ending: names ending like an organ are never cut
    ("责任单位：县扶贫开发领导小组办公室、县应急管理局",
     [("县扶贫开发领导小组办公室", "lead", "责任单位"), ("县应急管理局", "lead", "责任单位")]),
    ("责任单位：县教育局，各乡镇负责组织实施", [("县教育局", "lead", "责任单位"), ("各乡镇负责组织实施", "lead", "责任单位")]),
    # a bracketed role mark still works next to clause verbs
    ("责任单位：县公安局、县交通运输局（按职责分工负责）",
     [("县公安局", "lead", "责任单位"), ("县交通运输局", "lead", "责任单位")]),
    ("责任单位：区民政局（牵头）、区残联，区团委配合",
     [("区民政局", "lead", "责任单位"), ("区残联", "support", "责任单位"), ("区团委", "support", "责任单位")]),
]


@pytest.mark.parametrize("text,expected", CLAUSE_VERB_CASES, ids=[c[0][:20] for c in CLAUSE_VERB_CASES])
def test_clause_verbs_in_a_labelled_list(text, expected):
    assert units(text) == expected


def test_a_clause_verb_is_not_in_the_name_span():
    s = "责任单位：县发展改革局牵头，县财政局配合"
    assert [s[a:b] for a, b, _ in find_units(s)] == ["县发展改革局", "县财政局"]


def test_clause_verbs_in_a_table_cell():
    header = last_table_header("序号\t主要任务\t责任单位\t完成时限\n")
    row = "4\t推进数字乡村建设\t县农业农村局牵头，县大数据中心配合\t2025年底前"
    assert units(row, header) == [("县农业农村局", "lead", "责任单位"), ("县大数据中心", "support", "责任单位")]


# ---------------------------------------------------------------------------------------
# closing brackets: organ endings (司 of a 部委, 支队, 银行 …) and one unlisted ending
# ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("（政策法规司负责）", [("政策法规司", "lead", "负责")]),
    ("（计划财务司、人事司负责）", [("计划财务司", "lead", "负责"), ("人事司", "lead", "负责")]),
    ("（市场监管司牵头，质量发展局配合）", [("市场监管司", "lead", "牵头"), ("质量发展局", "support", "配合")]),
    ("（人才工作司、科技教育局按职责分工负责）", [("人才工作司", "lead", "负责"), ("科技教育局", "lead", "负责")]),
    ("（市公安局交警支队负责）", [("市公安局交警支队", "lead", "负责")]),
    ("（人民银行县支行、县金融办负责）", [("人民银行县支行", "lead", "负责"), ("县金融办", "lead", "负责")]),
    ("（县人民医院、县中医院负责）", [("县人民医院", "lead", "负责"), ("县中医院", "lead", "负责")]),
    ("（市职业技术学院、市第一中学配合）", [("市职业技术学院", "support", "配合"), ("市第一中学", "support", "配合")]),
    ("（县国有林场负责）", [("县国有林场", "lead", "负责")]),
    ("（县数字经济工作专班负责）", [("县数字经济工作专班", "lead", "负责")]),
    # one name with an unlisted ending does not drop the bracket when another is an organ
    ("（县商务局牵头，县电商服务联盟配合）", [("县商务局", "lead", "牵头"), ("县电商服务联盟", "support", "配合")]),
    ("（省交通运输厅、省高速公路联网收费中枢负责）",
     [("省交通运输厅", "lead", "负责"), ("省高速公路联网收费中枢", "lead", "负责")]),
])
def test_closing_brackets_with_more_organ_endings(text, expected):
    assert units(text) == expected


@pytest.mark.parametrize("text", [
    "（主要领导亲自负责）",                     # no name ends like an organ
    "（张三、李四负责）",
    "（县农业农村局、各乡镇要切实负责）",        # an unlisted name holding a modal word
    "（县财政局、具体实施细则另行制定负责）",
    "（县应急局、XYZ-1负责）",                  # an unlisted name that is not Han
    "（县教育局、本地中小学校幼儿园托育机构课后服务负责）",  # too long for an unlisted name
    "（以上数据由统计司负责）",                  # prose guard still holds
])
def test_closing_brackets_that_stay_prose(text):
    assert units(text) == []


@pytest.mark.parametrize("text, expected", [
    # township and street offices name their sections 科室/股室; bureaus name 处室
    ("责任科室：综治办\n配合科室：司法所、信访办",
     [("综治办", "lead", "责任科室"), ("司法所", "support", "配合科室"), ("信访办", "support", "配合科室")]),
    ("牵头科室：党政办；责任科室：经发办、城建办",
     [("党政办", "lead", "牵头科室"), ("经发办", "support", "责任科室"), ("城建办", "support", "责任科室")]),
    ("（牵头处室：法规处；配合处室：财务处）",
     [("法规处", "lead", "牵头处室"), ("财务处", "support", "配合处室")]),
    ("责任领导：王志强", []),
])
def test_section_office_labels(text, expected):
    assert [(v["name"], v["role"], v["label"]) for _, _, v in find_units(text)] == expected


@pytest.mark.parametrize("text, expected", [
    # real: tests/real r06 — a comma splits one list before its verb
    ("（省政府办公厅牵头，各市、县政府，省政府有关部门负责）",
     [("省政府办公厅", "lead"), ("各市", "support"), ("县政府", "support"), ("省政府有关部门", "support")]),
    # real: tests/real r06 — 负责 after a 牵头 in the same bracket supports it
    ("（省工业和信息化厅牵头，省编委办、省公安厅等按职责负责）",
     [("省工业和信息化厅", "lead"), ("省编委办", "support"), ("省公安厅等", "support")]),
    ("（省民政厅牵头，各设区市人民政府负责落实）", [("省民政厅", "lead"), ("各设区市人民政府", "support")]),
    # a bracket with only 负责 stays all lead; a trailing verbless clause is no unit bracket
    ("（各市、县政府，省政府各部门负责）", [("各市", "lead"), ("县政府", "lead"), ("省政府各部门", "lead")]),
    ("（省民政厅牵头，各设区市人民政府）", []),
])
def test_closing_bracket_lists_and_roles_after_a_lead(text, expected):
    from planparse.extract.units import find_units

    assert [(v["name"], v["role"]) for _, _, v in find_units(text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("（省发展改革委会同省财政厅负责）", [("省发展改革委", "lead"), ("省财政厅", "support")]),
    ("（各地、各有关部门分别负责落实）", [("各地", "lead"), ("各有关部门", "lead")]),
])
def test_joined_supporters_and_distributed_responsibility(text, expected):
    """CONVENTIONS: 会同… supports; …分别负责落实 is all lead."""
    from planparse.extract.units import find_units

    assert [(v["name"], v["role"]) for _, _, v in find_units(text)] == expected


@pytest.mark.parametrize("text, units", [
    # r63: a 责任部门 cell "A会同B" — B supports A (CONVENTIONS: 会同… supports)
    ("1\t发布成果包\t科技部会同有关部门\t2016年6月底前完成", [("科技部", "lead"), ("有关部门", "support")]),
    ("1\t建设示范区\t科技部会同有关地方政府\t持续推进", [("科技部", "lead"), ("有关地方政府", "support")]),
    ("1\t建立系统\t科技部、财政部\t持续推进", [("科技部", "lead"), ("财政部", "lead")]),
])
def test_joiner_in_a_lead_cell_makes_support(text, units):
    from planparse.extract.units import find_table_units

    found = find_table_units(text, ["序号", "重点任务", "责任部门", "时间进度"])
    assert [(v["name"], v["role"]) for *_, v in found] == units


def test_joiner_in_a_labelled_lead_list_makes_support():
    found = find_units("（牵头单位：市发展改革委会同市财政局）")
    assert [(v["name"], v["role"]) for *_, v in found] == [("市发展改革委", "lead"), ("市财政局", "support")]
