# The Docker transport (shared/docker/) against the real dockerd: SOCKERLESS_TEST_DOCKER_HOST and
# SOCKERLESS_TEST_IMAGE come from tests/env/up.sh.
sockerless_add_qtest(tst_docker_transport LABELS docker SOURCES tst_docker_transport.cpp
    LIBS sockerless_shared)
