/* SPDX-License-Identifier: MIT */
/* tmpdir.h — a private temporary folder, for tests that look at the temporary files a
 * writer makes and removes. */
#ifndef JX_TEST_TMPDIR_H
#define JX_TEST_TMPDIR_H

/**
 * Points TMPDIR at a fresh folder /tmp/jx-<name>-test-XXXXXX, made on the first call
 * (the same folder after that), so the test can see the temporary files; returns it.
 */
const char *jx_test_private_tmpdir(const char *name);

/** Files in dir besides . and .. */
int jx_test_files_in(const char *dir);

#endif
