from dossier.reading_note import reading_note


def test_reading_note_in_chinese() -> None:
    note = reading_note({"text_layer": "1:text,2:ocr(hidden layer agrees 0.93),3:ocr(garbled text layer)",
                         "photo_corrected": "1:dewarp+flatten", "page_rotation": "2:180"})
    assert note == ("第2页按图像识别（隐藏文字层一致 0.93）；第3页按图像识别（文字层乱码）；"
                    "第1页为拍照件，已透视矫正、光照均衡；第2页已旋转 180°")
    assert reading_note({"converted_from": "wps", "converted_by": "LibreOffice 7.4.7.2"}) == \
        "由 .wps 经 LibreOffice 7.4.7.2 转换后读取"
    assert reading_note({"text_layer": "1:text,2:text"}) == ""
    assert reading_note({}) == ""
