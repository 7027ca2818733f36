// The floor for bench/restore: only the configfs system calls a restore of the generated
// configuration needs (mkdir, the control/enable/serial writes, symlink, enable), a
// minimal save walk (list, readlink, read write_protect), and a clear (unlink, rmdir).
// usage: floor restore|save|clear NLUNS NACLS
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ROOT "/sys/kernel/config/target"
#define TPG ROOT "/iscsi/iqn.2026-11.org.qlat.bench:target/tpgt_1"

static void die(const char *what, const char *path)
{
	fprintf(stderr, "floor: %s %s: %s\n", what, path, strerror(errno));
	exit(1);
}

static void mk(const char *p)
{
	if (mkdir(p, 0755) && errno != EEXIST)
		die("mkdir", p);
}

static void put(const char *p, const char *v)
{
	int fd = open(p, O_WRONLY);

	if (fd < 0 || write(fd, v, strlen(v)) != (ssize_t)strlen(v))
		die("write", p);
	close(fd);
}

static void restore(int nluns, int nacls)
{
	char p[256], q[512], v[256];
	long pages = 1048576 / sysconf(_SC_PAGESIZE);

	for (int i = 0; i < nluns; i++) {
		snprintf(p, sizeof(p), ROOT "/core/rd_mcp_%d", i);
		mk(p);
		snprintf(p, sizeof(p), ROOT "/core/rd_mcp_%d/ram%d", i, i);
		mk(p);
		snprintf(q, sizeof(q), "%s/control", p);
		snprintf(v, sizeof(v), "rd_pages=%ld", pages);
		put(q, v);
		snprintf(q, sizeof(q), "%s/enable", p);
		put(q, "1");
		snprintf(q, sizeof(q), "%s/wwn/vpd_unit_serial", p);
		snprintf(v, sizeof(v), "00000000-0000-4000-8000-%012x", i);
		put(q, v);
	}
	mk(ROOT "/iscsi");
	mk(ROOT "/iscsi/iqn.2026-11.org.qlat.bench:target");
	mk(TPG);
	put(TPG "/attrib/authentication", "0");
	put(TPG "/attrib/generate_node_acls", "0");
	for (int i = 0; i < nluns; i++) {
		snprintf(p, sizeof(p), TPG "/lun/lun_%d", i);
		mk(p);
		snprintf(q, sizeof(q), "%s/l%09d", p, i);
		snprintf(p, sizeof(p), ROOT "/core/rd_mcp_%d/ram%d", i, i);
		if (symlink(p, q))
			die("symlink", q);
	}
	for (int a = 0; a < nacls; a++) {
		snprintf(p, sizeof(p), TPG "/acls/iqn.2026-11.org.qlat.bench:init%d", a);
		mk(p);
		for (int i = 0; i < nluns; i++) {
			snprintf(q, sizeof(q), "%s/lun_%d", p, i);
			mk(q);
			snprintf(v, sizeof(v), TPG "/lun/lun_%d", i);
			snprintf(q, sizeof(q), "%s/lun_%d/m%09d", p, i, i);
			if (symlink(v, q))
				die("symlink", q);
		}
	}
	put(TPG "/enable", "1");
}

static long save(int nluns, int nacls)
{
	char p[256], q[512], buf[256];
	long n = 0;

	for (int i = 0; i < nluns; i++) {
		snprintf(p, sizeof(p), TPG "/lun/lun_%d/l%09d", i, i);
		n += readlink(p, buf, sizeof(buf)) > 0;
	}
	for (int a = 0; a < nacls; a++) {
		snprintf(p, sizeof(p), TPG "/acls/iqn.2026-11.org.qlat.bench:init%d", a);
		DIR *d = opendir(p);
		struct dirent *e;

		if (!d)
			die("opendir", p);
		while ((e = readdir(d)))
			n++;
		closedir(d);
		for (int i = 0; i < nluns; i++) {
			snprintf(q, sizeof(q), "%s/lun_%d/m%09d", p, i, i);
			n += readlink(q, buf, sizeof(buf)) > 0;
			snprintf(q, sizeof(q), "%s/lun_%d/write_protect", p, i);
			int fd = open(q, O_RDONLY);

			if (fd < 0)
				die("open", q);
			n += read(fd, buf, sizeof(buf)) > 0;
			close(fd);
		}
	}
	return n;
}

static void clear(int nluns, int nacls)
{
	char p[256], q[512];

	put(TPG "/enable", "0");
	for (int a = 0; a < nacls; a++) {
		snprintf(p, sizeof(p), TPG "/acls/iqn.2026-11.org.qlat.bench:init%d", a);
		for (int i = 0; i < nluns; i++) {
			snprintf(q, sizeof(q), "%s/lun_%d/m%09d", p, i, i);
			if (unlink(q))
				die("unlink", q);
			snprintf(q, sizeof(q), "%s/lun_%d", p, i);
			if (rmdir(q))
				die("rmdir", q);
		}
		if (rmdir(p))
			die("rmdir", p);
	}
	for (int i = 0; i < nluns; i++) {
		snprintf(q, sizeof(q), TPG "/lun/lun_%d/l%09d", i, i);
		if (unlink(q))
			die("unlink", q);
		snprintf(q, sizeof(q), TPG "/lun/lun_%d", i);
		if (rmdir(q))
			die("rmdir", q);
	}
	if (rmdir(TPG) || rmdir(ROOT "/iscsi/iqn.2026-11.org.qlat.bench:target"))
		die("rmdir", TPG);
	for (int i = 0; i < nluns; i++) {
		snprintf(p, sizeof(p), ROOT "/core/rd_mcp_%d/ram%d", i, i);
		if (rmdir(p))
			die("rmdir", p);
		snprintf(p, sizeof(p), ROOT "/core/rd_mcp_%d", i);
		if (rmdir(p))
			die("rmdir", p);
	}
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: floor restore|save|clear NLUNS NACLS\n");
		return 2;
	}
	int nluns = atoi(argv[2]), nacls = atoi(argv[3]);

	if (!strcmp(argv[1], "restore"))
		restore(nluns, nacls);
	else if (!strcmp(argv[1], "save"))
		printf("%ld\n", save(nluns, nacls));
	else if (!strcmp(argv[1], "clear"))
		clear(nluns, nacls);
	else
		return 2;
	return 0;
}
