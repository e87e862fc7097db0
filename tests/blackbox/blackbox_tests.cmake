add_library(sockerless_blackbox_support STATIC daemonprocess.h daemonprocess.cpp)
target_include_directories(sockerless_blackbox_support PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
target_link_libraries(sockerless_blackbox_support
    PUBLIC sockerless_test_support Qt6::Network Qt6::WebSockets
    PRIVATE sockerless_options)

sockerless_add_qtest(tst_blackbox_system LABELS blackbox
    SOURCES tst_blackbox_system.cpp
    LIBS sockerless_blackbox_support)
sockerless_add_qtest(tst_blackbox_lifecycle LABELS blackbox
    SOURCES tst_blackbox_lifecycle.cpp
    LIBS sockerless_blackbox_support)
# The daemon binary must be built before these tests can start it.
add_dependencies(tst_blackbox_system sockerlessd)
add_dependencies(tst_blackbox_lifecycle sockerlessd)
sockerless_add_qtest(tst_blackbox_baddocker LABELS blackbox
    SOURCES tst_blackbox_baddocker.cpp
    LIBS sockerless_blackbox_support)
add_dependencies(tst_blackbox_baddocker sockerlessd)
