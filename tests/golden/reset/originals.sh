install -d -m 0700 /var/lib/swarmlab/originals
if [ ! -e /var/lib/swarmlab/originals/%etc%docker%daemon.json ] && [ ! -e /var/lib/swarmlab/originals/%etc%docker%daemon.json.absent ]; then
  if [ -e /etc/docker/daemon.json ]; then cp -p /etc/docker/daemon.json /var/lib/swarmlab/originals/%etc%docker%daemon.json; else : > /var/lib/swarmlab/originals/%etc%docker%daemon.json.absent; fi
fi
# --
if [ -e /var/lib/swarmlab/originals/%etc%docker%daemon.json ]; then
  cp -p /var/lib/swarmlab/originals/%etc%docker%daemon.json /etc/docker/daemon.json.swarmlab-restore && mv -f /etc/docker/daemon.json.swarmlab-restore /etc/docker/daemon.json && rm -f /var/lib/swarmlab/originals/%etc%docker%daemon.json && echo restored
elif [ -e /var/lib/swarmlab/originals/%etc%docker%daemon.json.absent ]; then
  rm -f /etc/docker/daemon.json /var/lib/swarmlab/originals/%etc%docker%daemon.json.absent && echo removed
else
  echo unknown
fi
# --
if [ -e /var/lib/swarmlab/originals/%etc%docker%daemon.json ]; then echo kept; elif [ -e /var/lib/swarmlab/originals/%etc%docker%daemon.json.absent ]; then echo absent; else echo unknown; fi
