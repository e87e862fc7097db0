add_library(sockerless_blackbox_support STATIC
    daemonprocess.h daemonprocess.cpp
    blackboxcase.h blackboxcase.cpp
    fakedocker.h fakedocker.cpp)
target_include_directories(sockerless_blackbox_support PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(sockerless_blackbox_support
    PUBLIC sockerless_test_support Qt6::Network Qt6::WebSockets
    PRIVATE sockerless_options)

# One executable per tst_blackbox_<area>.cpp, one ctest test per case. The backend under test is
# SOCKERLESS_TEST_BACKEND (the memory backend joins in its own issue, as a second registration).
file(GLOB blackbox_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/tst_blackbox_*.cpp)
foreach(source IN LISTS blackbox_sources)
    get_filename_component(name "${source}" NAME_WE)
    sockerless_add_qtest(${name} LABELS blackbox
        SOURCES ${source}
        LIBS sockerless_blackbox_support
        ENVIRONMENT "SOCKERLESS_TEST_BACKEND=docker")
    # The daemon binary must be built before these tests can start it.
    add_dependencies(${name} sockerlessd)
endforeach()
# It compares the daemon's counts with Docker's: nothing else may create or remove objects then.
set_tests_properties(tst_blackbox_system.infoCountsMatchDocker PROPERTIES RUN_SERIAL TRUE)
