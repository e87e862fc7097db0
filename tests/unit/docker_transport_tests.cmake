# The Docker transport's pure parts (shared/docker/): response parsing, chunked decoding, the
# frame demuxer, DOCKER_HOST parsing, error decoding and path encoding. No Docker needed: the
# answers they parse were recorded from a real dockerd into data/.
foreach(unit IN ITEMS httpresponseparser chunkeddecoding framedemuxer dockerendpoint dockererror
             dockerpath)
    sockerless_add_qtest(tst_${unit} LABELS unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_${unit}.cpp LIBS sockerless_shared)
endforeach()
sockerless_add_qtest(tst_dockerclient LABELS unit SOURCES ${CMAKE_CURRENT_LIST_DIR}/tst_dockerclient.cpp
    LIBS sockerless_shared http_parser::http_parser)
