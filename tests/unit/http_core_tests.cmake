# The daemon's HTTP/WebSocket core (daemon/http/): no Docker needed, everything in-process.
set(_http_dir ${CMAKE_CURRENT_LIST_DIR})
sockerless_add_qtest(tst_router LABELS unit
    SOURCES ${_http_dir}/tst_router.cpp LIBS sockerlessd_core)
sockerless_add_qtest(tst_requestrecorder LABELS unit
    SOURCES ${_http_dir}/tst_requestrecorder.cpp LIBS sockerlessd_core)
sockerless_add_qtest(tst_apiserver LABELS unit
    SOURCES ${_http_dir}/tst_apiserver.cpp ${_http_dir}/httptestclient.h LIBS sockerlessd_core)
sockerless_add_qtest(tst_chunkedstream LABELS unit
    SOURCES ${_http_dir}/tst_chunkedstream.cpp ${_http_dir}/httptestclient.h LIBS sockerlessd_core)
sockerless_add_qtest(tst_websocketdispatch LABELS unit
    SOURCES ${_http_dir}/tst_websocketdispatch.cpp LIBS sockerlessd_core Qt6::WebSockets)
# Token and policy (daemon/http/bearerauth, accesspolicy, accesscontrol).
sockerless_add_qtest(tst_bearerauth LABELS unit
    SOURCES ${_http_dir}/tst_bearerauth.cpp LIBS sockerlessd_core)
sockerless_add_qtest(tst_accesspolicy LABELS unit
    SOURCES ${_http_dir}/tst_accesspolicy.cpp LIBS sockerlessd_core)
sockerless_add_qtest(tst_accesscontrol LABELS unit
    SOURCES ${_http_dir}/tst_accesscontrol.cpp LIBS sockerlessd_core Qt6::WebSockets)
sockerless_add_qtest(tst_requestframer LABELS unit
    SOURCES ${_http_dir}/tst_requestframer.cpp LIBS sockerlessd_core)
