sockerless_add_qtest(tst_options LABELS unit SOURCES tst_options.cpp LIBS sockerlessd_core)
sockerless_add_qtest(tst_log LABELS unit SOURCES tst_log.cpp LIBS sockerlessd_core)
sockerless_add_qtest(tst_dockererrormapping LABELS unit SOURCES tst_dockererrormapping.cpp
    LIBS sockerlessd_core)
