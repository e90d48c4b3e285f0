# $contentdir is literal text in the repo files, not a shell variable.
# shellcheck disable=SC2016
sed -e 's@^mirrorlist=@#mirrorlist=@g' \
  -e 's@^#\?baseurl=http://dl\.rockylinux\.org/\$contentdir@baseurl=https://m.example.com/a\&b|g;e%20touch%20/tmp/swarmlab-canary;s|x\@w%20/tmp/swarmlab-canary\@%24basearch%2C#c\\1/rockylinux@g' \
  -i.swarmlab-backup /etc/yum.repos.d/[Rr]ocky*.repo
dnf makecache
