docker node ls -q | xargs docker node inspect --format '{"id":{{json .ID}},"labels":{{json .Spec.Labels}}}'
