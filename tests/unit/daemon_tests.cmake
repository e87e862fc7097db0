sockerless_add_qtest(tst_options LABELS unit SOURCES tst_options.cpp LIBS sockerlessd_core)
sockerless_add_qtest(tst_log LABELS unit SOURCES tst_log.cpp LIBS sockerlessd_core)
sockerless_add_qtest(tst_filelimit LABELS unit SOURCES tst_filelimit.cpp LIBS sockerlessd_core)
sockerless_add_qtest(tst_dockererrormapping LABELS unit SOURCES tst_dockererrormapping.cpp
    LIBS sockerlessd_core)
# Observability (daemon/observe/): request log ring and file, metrics, upstream attribution.
sockerless_add_qtest(tst_requestlog LABELS unit SOURCES tst_requestlog.cpp LIBS sockerlessd_core)
sockerless_add_qtest(tst_requestlogfile LABELS unit SOURCES tst_requestlogfile.cpp
    LIBS sockerlessd_core)
sockerless_add_qtest(tst_metrics LABELS unit SOURCES tst_metrics.cpp LIBS sockerlessd_core)
