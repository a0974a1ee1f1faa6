/* output.c — where a command's output goes: standard output, or a file written atomically
 * (a temporary file beside it, renamed over it only when the whole run succeeded). */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

size_t jx_cli_output_write(void *ud, const char *data, size_t len)
{
    return fwrite(data, 1, len, (FILE *)ud);
}

int jx_cli_output_open(jx_cli_output *out, const char *path)
{
    out->fp = stdout;
    out->path = path;
    out->tmp_path = NULL;
    if (!path)
        return -1;
    size_t n = strlen(path);
    out->tmp_path = malloc(n + sizeof ".tmp.XXXXXX");
    if (!out->tmp_path) {
        fprintf(stderr, "jixiao: %s\n", jx_strerror(JX_ERR_NOMEM));
        return JX_EXIT_IO;
    }
    memcpy(out->tmp_path, path, n);
    memcpy(out->tmp_path + n, ".tmp.XXXXXX", sizeof ".tmp.XXXXXX");
    int fd = mkstemp(out->tmp_path);
    if (fd >= 0)
        out->fp = fdopen(fd, "wb");
    if (fd < 0 || !out->fp) {
        fprintf(stderr, "jixiao: 无法写入“%s”：%s\n", path, strerror(errno));
        if (fd >= 0) {
            close(fd);
            unlink(out->tmp_path);
        }
        free(out->tmp_path);
        out->tmp_path = NULL;
        out->fp = stdout;
        return JX_EXIT_IO;
    }
    return -1;
}

int jx_cli_output_close(jx_cli_output *out, int code)
{
    if (!out->tmp_path) {
        if (fflush(stdout) != 0 && code == JX_EXIT_OK) {
            fprintf(stderr, "jixiao: 写标准输出失败：%s\n", strerror(errno));
            return JX_EXIT_IO;
        }
        return code;
    }
    int bad = ferror(out->fp) != 0;
    if (fclose(out->fp) != 0)
        bad = 1;
    if (bad && code == JX_EXIT_OK) {
        fprintf(stderr, "jixiao: 无法写入“%s”\n", out->path);
        code = JX_EXIT_IO;
    }
    if (code == JX_EXIT_OK && rename(out->tmp_path, out->path) != 0) {
        fprintf(stderr, "jixiao: 无法写入“%s”：%s\n", out->path, strerror(errno));
        code = JX_EXIT_IO;
    }
    if (code != JX_EXIT_OK)
        unlink(out->tmp_path);
    free(out->tmp_path);
    out->tmp_path = NULL;
    return code;
}
