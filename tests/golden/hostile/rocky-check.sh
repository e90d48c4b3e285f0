grep -l -e '^baseurl=https://m\.example\.com/a&b|g;e%20touch%20/tmp/swarmlab-canary;s|x@w%20/tmp/swarmlab-canary@%24basearch%2C#c\\1/rockylinux/' /etc/yum.repos.d/[Rr]ocky*.repo
