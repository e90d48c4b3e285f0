docker node update --label-add zone=a --label-add 'disk type=ssd' x1y2z3
