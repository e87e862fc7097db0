add_library(sockerless_blackbox_support STATIC
    daemonprocess.h daemonprocess.cpp
    blackboxcase.h blackboxcase.cpp
    fakedocker.h fakedocker.cpp
    dockerforwarder.h dockerforwarder.cpp
    rawstream.h rawstream.cpp
    processfds.h processfds.cpp
    wswatch.h wswatch.cpp)
target_include_directories(sockerless_blackbox_support PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(sockerless_blackbox_support
    PUBLIC sockerless_test_support Qt6::Network Qt6::WebSockets
    PRIVATE sockerless_options)

# One executable per tst_blackbox_<area>.cpp, one ctest test per case and backend: the same
# executable runs against the Docker backend (`tst_blackbox_<area>.<case>`, labels blackbox and
# dockerbackend) and the memory backend (`tst_blackbox_<area>.memory.<case>`, labels blackbox and
# memory), told apart by SOCKERLESS_TEST_BACKEND.
# Docker only: these two test the Docker backend's upstream transport through a fake Docker;
# recovery stops and starts a forwarder to the real Docker (Docker going away and coming back).
set(blackbox_docker_only tst_blackbox_baddocker tst_blackbox_upstreampaths tst_blackbox_recovery)
# Memory only: 10,000 containers are cheap in memory and take many minutes on dockerd.
set(blackbox_memory_only tst_blackbox_scale)
file(GLOB blackbox_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tst_blackbox_*.cpp)
foreach(source IN LISTS blackbox_sources)
    get_filename_component(name "${source}" NAME_WE)
    set(no_docker_cases)
    if(name IN_LIST blackbox_memory_only)
        set(no_docker_cases NO_CASES)
    endif()
    sockerless_add_qtest(${name} LABELS blackbox dockerbackend ${no_docker_cases}
        SOURCES ${source}
        LIBS sockerless_blackbox_support
        ENVIRONMENT "SOCKERLESS_TEST_BACKEND=docker")
    if(NOT name IN_LIST blackbox_docker_only)
        sockerless_add_qtest_cases(${name} PREFIX ${name}.memory LABELS blackbox memory
            ENVIRONMENT "SOCKERLESS_TEST_BACKEND=memory")
    endif()
    # The daemon binary must be built before these tests can start it.
    add_dependencies(${name} sockerlessd)
endforeach()
# It compares the daemon's counts with Docker's: nothing else may create or remove objects then.
# (The memory daemon is private to its case, so its twin needs no such care.)
set_tests_properties(tst_blackbox_system.infoCountsMatchDocker PROPERTIES RUN_SERIAL TRUE)
# 10,000 creates, lists and removes: well under this on two cores, but a Debug build under load
# must not be cut off by the default 120 s.
set_tests_properties(tst_blackbox_scale.memory.createListAndRemoveTenThousand
    PROPERTIES TIMEOUT 300)
