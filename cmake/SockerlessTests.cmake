# sockerless_add_qtest(<name> LABELS <label>... SOURCES <file>... [LIBS <target>...]
#                      [ENVIRONMENT <var=value>...] [NO_CASES])
#
# Builds one Qt Test executable and registers one ctest test per test function, so that ctest
# reports each case by name, runs them in parallel and a failure points at the function.
# The functions are read from the `private slots:` section of the first source file; a data-driven
# function runs all of its rows in its ctest test. initTestCase/cleanupTestCase run for each.
# NO_CASES builds the executable only, for a caller that registers its cases itself with
# sockerless_add_qtest_cases (e.g. only under one configuration).
function(sockerless_add_qtest name)
    cmake_parse_arguments(ARG "NO_CASES" "" "LABELS;SOURCES;LIBS;ENVIRONMENT" ${ARGN})
    add_executable(${name} ${ARG_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test sockerless_test_support sockerless_options
                          ${ARG_LIBS})
    if(ARG_NO_CASES)
        return()
    endif()
    sockerless_add_qtest_cases(${name} PREFIX ${name} LABELS ${ARG_LABELS}
                               ENVIRONMENT ${ARG_ENVIRONMENT})
endfunction()

# sockerless_add_qtest_cases(<executable> PREFIX <prefix> LABELS <label>...
#                            [ENVIRONMENT <var=value>...])
#
# Registers one ctest test `<prefix>.<function>` per test function of an executable made by
# sockerless_add_qtest, with its own labels and environment: the same cases can run a second time
# under another configuration (the black-box suite runs each case against each backend).
function(sockerless_add_qtest_cases name)
    cmake_parse_arguments(ARG "" "PREFIX" "LABELS;ENVIRONMENT" ${ARGN})
    if(NOT ARG_PREFIX)
        message(FATAL_ERROR "sockerless_add_qtest_cases(${name}): PREFIX is required")
    endif()
    get_target_property(sources ${name} SOURCES)
    get_target_property(source_dir ${name} SOURCE_DIR)
    list(GET sources 0 main_source)
    get_filename_component(main_source "${main_source}" ABSOLUTE BASE_DIR "${source_dir}")
    set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${main_source}")
    file(READ "${main_source}" text)
    # Only the slots between "private slots:" and the next access specifier or end of class.
    string(REGEX MATCH "private slots:(.*)" slots_onward "${text}")
    string(REGEX REPLACE "\n[ \t]*(public|protected|private|signals)[ \t]*[a-z]*:.*" "" slots_block
           "${CMAKE_MATCH_1}")
    string(REGEX REPLACE "\n};.*" "" slots_block "${slots_block}")
    string(REGEX MATCHALL "void[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*\\([ \t]*\\)" decls "${slots_block}")
    set(count 0)
    foreach(decl IN LISTS decls)
        string(REGEX REPLACE "void[ \t]+([A-Za-z0-9_]+).*" "\\1" fn "${decl}")
        if(fn MATCHES "^(init|cleanup|initTestCase|cleanupTestCase)$" OR fn MATCHES "_data$")
            continue()
        endif()
        add_test(NAME ${ARG_PREFIX}.${fn} COMMAND ${name} ${fn})
        set_tests_properties(${ARG_PREFIX}.${fn} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT 120
            ENVIRONMENT "QT_QPA_PLATFORM=offscreen;SOCKERLESS_BUILD_DIR=${CMAKE_BINARY_DIR};${ARG_ENVIRONMENT}"
            SKIP_REGULAR_EXPRESSION "SKIP   :")
        math(EXPR count "${count} + 1")
    endforeach()
    if(count EQUAL 0)
        message(FATAL_ERROR "${name}: no test functions found in the private slots of ${main_source}")
    endif()
endfunction()
