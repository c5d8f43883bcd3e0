"""Layouts found in real SoSci Survey, 问卷星 and KoboToolbox exports (issue 12; sources in
tests/data/exports/corpus/SOURCES.md), one quirk per test on a few inline rows written as those tools write them."""
from __future__ import annotations

from pipeline.ingest import inspect_file, read_survey

KEY = b"k"


def types_of(info):
    return {q["columns"][0]: q["type"] for q in info["questions"] if q["columns"]}


SOSCI = ("CASE\tSERIAL\tREF\tQUESTNNR\tMODE\tSTARTED\tIN02_01\tIN03\tMC01_CP\tMC01_01\tMC01_02\tLASTDATA\tFINISHED\n"
         + "".join(f"{n}\t\t\tbase\tinterview\t2015-02-25 17:{n:02d}:00\t{20 + n}\t{1 + n % 2}\t{1 + n % 2}\t{1 + n % 2}"
                   f"\t2\t2015-02-25 17:{n + 5:02d}:00\t1\n" for n in range(1, 13)))


def test_sosci_bare_question_id_coded_1_2_is_a_single_choice_and_its_input_field_a_number(tmp_path):
    # SoSci names a selection question by its id alone (IN03) and an input field with a suffix (IN02_01)
    path = tmp_path / "sosci.csv"
    path.write_text(SOSCI, encoding="utf-8")
    types = types_of(inspect_file(path))
    assert types["IN03"] == "single"
    assert types["IN02_01"] == "number"
    assert types["MC01_CP"] == "meta"                  # the count of ticked options, not an answer
    assert types["MC01_01"] == "multi"                 # 1 = not ticked, 2 = ticked


def test_worker_numbers_in_an_open_question_are_personal_data_by_their_values(tmp_path):
    ids = ["20045399", "31256687", "22031444", "16742000", "639820", "45129983", "30918455", "HerwinTest",
           "27765310", "19983421"]
    rows = "".join(f"{n}\t\t\tbase\tinterview\t{worker}\t{1 + n % 2}\n" for n, worker in enumerate(ids, start=1))
    path = tmp_path / "sosci.csv"
    path.write_text("CASE\tSERIAL\tREF\tQUESTNNR\tMODE\tIN01_01\tIN03\n" + rows, encoding="utf-8")
    info = inspect_file(path)
    assert "IN01_01" in {c["column"] for c in info["personal_data_columns"]}
    answers = read_survey(path, key=KEY).answers
    assert not set(answers["value"].astype(str)) & set(ids)


def test_round_amounts_are_not_taken_for_ids(tmp_path):
    rows = "".join(f"{n},{amount}\n" for n, amount in enumerate(
        ["1250000", "300000", "4500000", "800000", "2000000", "650000", "1100000", "900000"], start=1))
    path = tmp_path / "turnover.csv"
    path.write_text("id,Turnover in euros\n" + rows, encoding="utf-8")
    info = inspect_file(path)
    assert not info["personal_data_columns"]
    assert types_of(info)["Turnover in euros"] == "number"


WJX_HEAD = "序号,提交答卷时间,所用时间,来源,来源详情,来自IP,1、您的性别,2、您从哪里得知本活动,2、(其他（请注明）:)\n"


def test_wenjuanxing_other_text_column_follows_its_question(tmp_path):
    rows = "".join(f"{n},2023/5/{n} 10:00:00,{60 + n}秒,手机提交,直接访问,10.0.0.{n}(上海-上海),{'男' if n % 2 else '女'},"
                   f"{'朋友介绍' if n % 3 else '其他'},{'' if n % 3 else '海报'}\n" for n in range(1, 13))
    path = tmp_path / "wjx.csv"
    path.write_text(WJX_HEAD + rows, encoding="utf-8")
    info = inspect_file(path)
    assert info["tool"] == "wenjuanxing" and info["respondents"] == 12
    types = types_of(info)
    assert types["2、您从哪里得知本活动"] == "single"
    assert types["2、(其他（请注明）:)"] == "other_text"
    assert {c["column"] for c in info["personal_data_columns"]} >= {"来自IP", "来源详情"}


def test_a_location_question_of_place_names_is_kept_and_one_of_coordinates_dropped(tmp_path):
    places = ["home", "subcenter", "private_facility"]
    rows = "".join(f"2022-05-04 20:{n:02d}:00,{places[n % 3]},{60 + n / 100:.4f} {24 + n / 100:.4f},{n},"
                   f"uuid-{n:04d}-a,2022-05-04 21:{n:02d}:00,{n}\n" for n in range(1, 11))
    path = tmp_path / "kobo.csv"
    path.write_text("start,location,gps,_id,_uuid,_submission_time,_index\n" + rows, encoding="utf-8")
    info = inspect_file(path)
    assert info["tool"] == "kobotoolbox"
    assert types_of(info)["location"] == "single"
    personal = {c["column"] for c in info["personal_data_columns"]}
    assert "gps" in personal and "location" not in personal
    assert "_id" in personal                            # the server's submission number names the submission


KOBO_META = ("start;end;today;deviceid;subscriberid;simserial;phonenumber;username;audit;q1;_gps_latitude;"
             "_gps_longitude;meta/instanceID;meta/deprecatedID;meta/instanceName;__version__;_id;_uuid;"
             "_submission_time;_validation_status;_notes;_status;_submitted_by;_tags;_index;_geolocation;_attachments\n")


def test_kobotoolbox_timestamps_stay_dates_and_device_phone_user_and_position_fields_are_dropped(tmp_path):
    rows = "".join(
        f"2022-11-{n:02d}T08:40:01.123+02:00;2022-11-{n:02d}T08:49:09.542+02:00;2022-11-{n:02d};"
        f"collect:Xb7pQ2LmZ9kT4r{n:02d};2440512345678{n:02d};89358031234567890{n:02d};+3584012345{n:02d};"
        f"enumerator{n};audit.csv;{'yes' if n % 2 else 'no'};63.8{n:02d}5;23.1{n:02d}7;uuid:aaaa-{n:04d};;"
        f"Household Virtanen {n};vQ2x8yNbd3;{100 + n};aaaa-{n:04d};2022-11-{n:02d}T06:49:20;;[];submitted_via_web;"
        f"user_{n};[];{n};[63.8, 23.1];[]\n" for n in range(1, 11))
    path = tmp_path / "kobo.csv"
    path.write_text(KOBO_META + rows, encoding="utf-8")
    info = inspect_file(path)
    assert info["tool"] == "kobotoolbox" and info["respondents"] == 10
    personal = {c["column"]: c["kind"] for c in info["personal_data_columns"]}
    assert personal["deviceid"] == personal["subscriberid"] == personal["simserial"] == "device"
    assert personal["phonenumber"] == "phone"
    assert personal["username"] == personal["_submitted_by"] == personal["meta/instanceName"] == "name"
    assert personal["_gps_latitude"] == personal["_gps_longitude"] == personal["_geolocation"] == "location"
    assert {"meta/instanceID", "meta/deprecatedID", "_id", "_attachments"} <= set(personal)
    types = types_of(info)
    assert all(types[c] == "meta" for c in ("start", "end", "today", "audit", "__version__", "_validation_status",
                                            "_notes", "_status", "_tags", "_index"))
    answers = read_survey(path, key=KEY).answers
    values = set(answers["value"].astype(str))
    # a time of day is no phone number: the end timestamp comes through whole
    assert "2022-11-01 08:49:09.542000" in values and not any("[phone]" in v for v in values)
    assert not any("Xb7pQ2" in v or "enumerator" in v or "Virtanen" in v or v.startswith("63.8") for v in values)


TENCENT_HEAD = ('"编号","开始答题时间","结束答题时间","答题时长","地理位置国家和地区","地理位置省","地理位置市","自定义字段",'
                '"用户类型","用户标识","昵称","IP","1.你的性别是？","21.你在哪些场合使用上海话？:与家人交流",'
                '"21.你在哪些场合使用上海话？:与朋友交流","21.你在哪些场合使用上海话？:基本不用",\n')
NICKNAMES = ["小明同学", "阿强", "王小二", "天天向上", "风之子", "晴天", "路人甲", "大海", "月亮", "追风", "小鱼", "星星"]


def _tencent_rows():
    return "".join(
        f'"{n}","02-Feb-2021 20:{n:02d}:58","02-Feb-2021 20:{n + 10:02d}:09","{600 + n}","中国","上海","上海","",'
        f'"微信用户","oAbC{n:024d}","{NICKNAMES[n - 1]}","101.{n}.33.7","{"A.男" if n % 2 else "B.女"}",'
        f'"{"与家人交流" if n % 2 else ""}","{"与朋友交流" if n % 3 else ""}","{"" if n % 2 or n % 3 else "基本不用"}",\n'
        for n in range(1, 13))


def test_tencent_wj_download_is_recognised_with_its_option_columns_and_personal_fields(tmp_path):
    path = tmp_path / "9799234_202203072020311613.csv"
    path.write_text(TENCENT_HEAD + _tencent_rows(), encoding="utf-8-sig")
    info = inspect_file(path)
    assert (info["tool"], info["respondents"]) == ("tencentwj", 12)
    assert (info["respondent_id"], info["submitted_at"]) == ("编号", "结束答题时间")
    types = types_of(info)
    assert types["1.你的性别是？"] == "single"
    assert types["21.你在哪些场合使用上海话？:与家人交流"] == "multi"
    assert {c["column"] for c in info["personal_data_columns"]} >= {"用户标识", "昵称", "IP", "地理位置省", "自定义字段"}
    values = set(read_survey(path, key=KEY).answers["value"].astype(str))
    assert not values & set(NICKNAMES) and not any(v.startswith("oAbC") for v in values)


def test_a_gbk_download_of_a_chinese_tool_is_decoded_as_gb18030(tmp_path):
    path = tmp_path / "tencent_excel.csv"
    path.write_bytes((TENCENT_HEAD + _tencent_rows()).encode("gbk"))
    info = inspect_file(path)
    assert (info["tool"], info["encoding"], info["respondents"]) == ("tencentwj", "gb18030", 12)


def test_an_unknown_chinese_export_counts_respondents_and_drops_ip_user_id_and_nickname_columns(tmp_path):
    rows = "".join(f"{n},链接,2023-04-03 10:{n:02d}:00,2023-04-03 10:{n + 5:02d}:00,{300 + n},广东,深圳,"
                   f"183.{n}.12.40,u{9000 + n},{NICKNAMES[n - 1]},{'男' if n % 2 else '女'},{['很好', '一般', '不好'][n % 3]}\n"
                   for n in range(1, 13))
    path = tmp_path / "export.csv"
    path.write_text("答题序号,来源,开始时间,提交时间,答题时长,IP省份,IP城市,IP地址,用户ID,微信昵称,Q1.您的性别,Q2.您的评价\n" + rows,
                    encoding="utf-8")
    info = inspect_file(path)
    assert (info["tool"], info["respondents"]) == ("generic", 12)
    assert (info["respondent_id"], info["submitted_at"]) == ("答题序号", "提交时间")
    assert {c["column"] for c in info["personal_data_columns"]} >= {"IP省份", "IP城市", "IP地址", "用户ID", "微信昵称"}
    assert types_of(info)["Q1.您的性别"] == "single"
