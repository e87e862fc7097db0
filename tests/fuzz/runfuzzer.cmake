# Runs one fuzzer for a ctest test: copies the seed corpus into the build dir (new inputs the run
# finds are written there, never into the source tree) and fuzzes that copy.
# cmake -DFUZZER=<exe> -DSEEDS=<dir> -DWORK=<dir> -DARGS="<libFuzzer flags>" -P runfuzzer.cmake
foreach(var FUZZER SEEDS WORK)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "runfuzzer.cmake: -D${var}= is required")
    endif()
endforeach()
# Kept across runs: what an earlier local run found is a better start than the seeds alone.
file(MAKE_DIRECTORY "${WORK}/corpus" "${WORK}/artifacts")
file(GLOB seeds "${SEEDS}/*")
if(seeds)
    file(COPY ${seeds} DESTINATION "${WORK}/corpus")
endif()
separate_arguments(args UNIX_COMMAND "${ARGS}")
execute_process(
    COMMAND "${FUZZER}" ${args} "-artifact_prefix=${WORK}/artifacts/" "${WORK}/corpus"
    RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "${FUZZER} failed (${result}); the crashing input is in ${WORK}/artifacts")
endif()
